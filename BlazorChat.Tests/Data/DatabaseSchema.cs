using System.Data.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Data;

/// <summary>
/// What a database's schema is made of, one readable line per fact ("Messages: column Body TEXT
/// NOT NULL"), read from the database's own catalog so two databases can be compared.
/// Column order and column defaults are left out: neither changes what the app can store, and
/// a migration that adds a required column needs a default for the rows already there.
/// </summary>
public static class DatabaseSchema
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "__EFMigrationsHistory", "__EFMigrationsLock" };

    public static async Task<SortedSet<string>> ReadAsync(ChatDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<SortedSet<string>> ReadSqliteAsync(DbConnection connection)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Where(t => !Ignored.Contains(t[0]!)))
        {
            var name = table[0]!;
            var autoincrement = table[1]!.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
            facts.Add($"{name}: table");

            var columns = await QueryAsync(connection, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@p0)", name);
            foreach (var c in columns)
            {
                var identity = autoincrement && c[3] != "0" ? " AUTOINCREMENT" : "";
                facts.Add($"{name}: column {c[0]} {c[1]} {(c[2] == "1" ? "NOT NULL" : "NULL")}{identity}");
            }
            var key = columns.Where(c => c[3] != "0").OrderBy(c => int.Parse(c[3]!)).Select(c => c[0]);
            facts.Add($"{name}: primary key ({string.Join(", ", key)})");

            var foreignKeys = await QueryAsync(connection,
                "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@p0) ORDER BY id, seq", name);
            foreach (var fk in foreignKeys.GroupBy(f => f[0]))
            {
                var first = fk.First();
                facts.Add($"{name}: foreign key ({string.Join(", ", fk.Select(f => f[2]))}) references {first[1]} " +
                          $"({string.Join(", ", fk.Select(f => f[3]))}) on update {first[4]} on delete {first[5]}");
            }

            var indexes = await QueryAsync(connection, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@p0)", name);
            foreach (var index in indexes)
            {
                var keyColumns = await QueryAsync(connection,
                    "SELECT name, \"desc\", coll FROM pragma_index_xinfo(@p0) WHERE key = 1 ORDER BY seqno", index[0]!);
                var filter = "";
                if (index[3] == "1")
                {
                    var sql = (await QueryAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @p0", index[0]!))[0][0]!;
                    filter = " " + sql[sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase)..].Trim();
                }
                facts.Add($"{name}: index {index[0]}{(index[1] == "1" ? " UNIQUE" : "")} [{index[2]}] " +
                          $"({string.Join(", ", keyColumns.Select(k => $"{k[0]}{(k[1] == "1" ? " DESC" : "")}{(k[2] is "BINARY" or null ? "" : $" COLLATE {k[2]}")}"))}){filter}");
            }
        }
        return facts;
    }

    private static async Task<SortedSet<string>> ReadPostgresAsync(DbConnection connection)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        foreach (var t in tables.Where(t => !Ignored.Contains(t[0]!))) facts.Add($"{t[0]}: table");

        var columns = await QueryAsync(connection, """
            SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod), c.is_nullable,
                   c.is_identity, c.identity_generation, c.is_generated, c.generation_expression, c.collation_name
            FROM information_schema.columns c
            JOIN pg_catalog.pg_attribute a
              ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
            WHERE c.table_schema = 'public'
            """);
        foreach (var c in columns.Where(c => !Ignored.Contains(c[0]!)))
        {
            var identity = c[4] == "YES" ? $" GENERATED {c[5]} AS IDENTITY" : "";
            var generated = c[6] == "ALWAYS" ? $" GENERATED ALWAYS AS ({c[7]}) STORED" : "";
            var collation = c[8] is null ? "" : $" COLLATE {c[8]}";
            facts.Add($"{c[0]}: column {c[1]} {c[2]}{collation} {(c[3] == "YES" ? "NULL" : "NOT NULL")}{identity}{generated}");
        }

        // Primary keys, foreign keys, unique, check and exclusion constraints, with their names.
        var constraints = await QueryAsync(connection, """
            SELECT cl.relname, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class cl ON cl.oid = con.conrelid
            WHERE con.connamespace = 'public'::regnamespace AND con.contype IN ('p', 'f', 'u', 'c', 'x')
            """);
        foreach (var c in constraints.Where(c => !Ignored.Contains(c[0]!)))
            facts.Add($"{c[0]}: constraint {c[1]} {c[2]}");

        // indexdef states name, uniqueness, method, columns, operator classes and any filter.
        var indexes = await QueryAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'");
        foreach (var i in indexes.Where(i => !Ignored.Contains(i[0]!)))
            facts.Add($"{i[0]}: index {i[1]}: {i[2]}");
        return facts;
    }

    private static async Task<List<string?[]>> QueryAsync(DbConnection connection, string sql, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }
        var rows = new List<string?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// True for facts about the full-text objects of <see cref="SearchSchema"/>: the PostgreSQL
    /// tsvector column and its index, the SQLite FTS5 table and its shadow tables.
    /// </summary>
    public static bool IsSearchFact(string fact) =>
        fact.StartsWith(SearchSchema.FtsTable, StringComparison.Ordinal)
        || fact.StartsWith($"Messages: column {SearchSchema.VectorColumn} ", StringComparison.Ordinal)
        || fact.StartsWith($"Messages: index {SearchSchema.VectorIndex}:", StringComparison.Ordinal);

    /// <summary>A diff a person can read: per table, what only the migrated database has (-) and what only the model's has (+).</summary>
    public static string Describe(SortedSet<string> migrated, SortedSet<string> model)
    {
        // "Messages: column Body" is the subject; the two versions of one subject sit together.
        static string Subject(string fact) => string.Join(' ', fact.Split(' ').Take(3));
        var lines = migrated.Except(model).Select(f => (Fact: f, Sign: "- migrations only: "))
            .Concat(model.Except(migrated).Select(f => (Fact: f, Sign: "+ model only:      ")))
            .OrderBy(d => Subject(d.Fact), StringComparer.Ordinal).ThenBy(d => d.Sign[0] == '-' ? 0 : 1).ThenBy(d => d.Fact, StringComparer.Ordinal);
        return string.Join(Environment.NewLine, lines.Select(d => "  " + d.Sign + d.Fact));
    }
}
