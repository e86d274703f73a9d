namespace BlazorChat.Core.Search;

/// <summary>
/// The full-text objects each provider keeps beside the <c>Messages</c> table. They live outside
/// the EF model on purpose: a tsvector property would be read back with every message EF loads,
/// and an FTS5 virtual table with its triggers cannot be modelled at all (ADR-006). Each provider's
/// baseline migration creates them from here, and the schema-drift tests check them by these names.
/// The statements are part of that shipped migration: never edit them to change the search schema;
/// add a migration (<c>dotnet ef migrations add</c>) and write its SQL there (ADR-017).
/// </summary>
public static class SearchSchema
{
    /// <summary>PostgreSQL: the stored tsvector column on <c>Messages</c>.</summary>
    public const string VectorColumn = "SearchVector";

    /// <summary>PostgreSQL: the GIN index on <see cref="VectorColumn"/>.</summary>
    public const string VectorIndex = "IX_Messages_SearchVector";

    /// <summary>
    /// The text-search configuration. 'simple' only lower-cases: no stemming and no stop words,
    /// so names, code and words of any language are found as written.
    /// </summary>
    public const string PostgresConfiguration = "simple";

    /// <summary>SQLite: the FTS5 table over message bodies (its shadow tables start with this name too).</summary>
    public const string FtsTable = "MessageSearch";

    /// <summary>PostgreSQL: the column (only live messages get a vector, so deleted ones cannot match) and its GIN index.</summary>
    public static readonly string[] PostgresUp =
    [
        $"""
        ALTER TABLE "Messages" ADD COLUMN "{VectorColumn}" tsvector
            GENERATED ALWAYS AS (CASE WHEN "DeletedAt" IS NULL THEN to_tsvector('{PostgresConfiguration}'::regconfig, "Body") END) STORED;
        """,
        $"""CREATE INDEX "{VectorIndex}" ON "Messages" USING GIN ("{VectorColumn}");""",
    ];

    /// <summary>
    /// SQLite: an external-content FTS5 table (the text stays in <c>Messages</c>, the index points at
    /// its rowid) that triggers keep in step with every insert, edit, delete and tombstone, in the
    /// writer's own transaction. The tokenizer keeps diacritics, as PostgreSQL's 'simple' does.
    /// </summary>
    public static readonly string[] SqliteUp =
    [
        $"""CREATE VIRTUAL TABLE "{FtsTable}" USING fts5("Body", content='Messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');""",
        $"""
        CREATE TRIGGER "Messages_search_insert" AFTER INSERT ON "Messages" WHEN new."DeletedAt" IS NULL BEGIN
            INSERT INTO "{FtsTable}"(rowid, "Body") VALUES (new.rowid, new."Body");
        END;
        """,
        $"""
        CREATE TRIGGER "Messages_search_delete" AFTER DELETE ON "Messages" WHEN old."DeletedAt" IS NULL BEGIN
            INSERT INTO "{FtsTable}"("{FtsTable}", rowid, "Body") VALUES ('delete', old.rowid, old."Body");
        END;
        """,
        $"""
        CREATE TRIGGER "Messages_search_update" AFTER UPDATE OF "Body", "DeletedAt" ON "Messages" BEGIN
            INSERT INTO "{FtsTable}"("{FtsTable}", rowid, "Body") SELECT 'delete', old.rowid, old."Body" WHERE old."DeletedAt" IS NULL;
            INSERT INTO "{FtsTable}"(rowid, "Body") SELECT new.rowid, new."Body" WHERE new."DeletedAt" IS NULL;
        END;
        """,
        $"""INSERT INTO "{FtsTable}"(rowid, "Body") SELECT rowid, "Body" FROM "Messages" WHERE "DeletedAt" IS NULL;""",
    ];

    public static readonly string[] PostgresDown =
    [
        $"""DROP INDEX "{VectorIndex}";""",
        $"""ALTER TABLE "Messages" DROP COLUMN "{VectorColumn}";""",
    ];

    public static readonly string[] SqliteDown =
    [
        """DROP TRIGGER "Messages_search_update";""",
        """DROP TRIGGER "Messages_search_delete";""",
        """DROP TRIGGER "Messages_search_insert";""",
        $"""DROP TABLE "{FtsTable}";""",
    ];
}
