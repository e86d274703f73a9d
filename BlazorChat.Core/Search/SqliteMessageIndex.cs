using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Search;

/// <summary>
/// Search on SQLite: the FTS5 table <see cref="SearchSchema.FtsTable"/> (kept in step by triggers),
/// keyset pages by time or by <c>bm25</c>, and FTS5 <c>snippet()</c> for the page only.
/// Ids are compared as EF Core stores them on SQLite: upper-case text.
/// </summary>
internal sealed class SqliteMessageIndex : IMessageIndex
{
    private const string Fts = SearchSchema.FtsTable;

    public async Task<IReadOnlyList<IndexHit>> FindAsync(ChatDbContext db, IndexQuery query, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var match = MatchExpression(query.Query);
            await using var command = connection.CreateCommand();
            Build(command, query, match);
            var page = await IndexCommands.ReadHitsAsync(command, ReadId, r => DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture), ct);
            if (match is null || page.Count == 0) return page;
            var snippets = await SnippetsAsync(connection, match, page, ct);
            return [.. page.Select(h => h with { Snippet = snippets.GetValueOrDefault(h.MessageId) })];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static void Build(DbCommand command, IndexQuery query, string? match)
    {
        var q = query.Query;
        var where = new StringBuilder("""m."DeletedAt" IS NULL AND m."RoomId" IN (SELECT value FROM json_each(@rooms))""");
        IndexCommands.Add(command, "@rooms", JsonSerializer.Serialize(query.RoomIds.Select(Text)));
        var source = "\"Messages\" m";
        if (match is not null)
        {
            source = $"\"{Fts}\" JOIN \"Messages\" m ON m.rowid = \"{Fts}\".rowid";
            where.Append($""" AND "{Fts}" MATCH @match""");
            IndexCommands.Add(command, "@match", match);
        }
        else if (q.Excluded.Count > 0)
        {
            // Only exclusions (the query has filters): leave out what matches any of them.
            where.Append($""" AND m.rowid NOT IN (SELECT rowid FROM "{Fts}" WHERE "{Fts}" MATCH @exclude)""");
            IndexCommands.Add(command, "@exclude", string.Join(" OR ", q.Excluded.Select(Quote)));
        }
        if (query.AuthorIds is { } authors)
        {
            where.Append(""" AND m."AuthorId" IN (SELECT value FROM json_each(@authors))""");
            IndexCommands.Add(command, "@authors", JsonSerializer.Serialize(authors.Select(Text)));
        }
        // Times are stored as text in one format, all in UTC, so they compare as text.
        if (q.CreatedFrom is { } from)
        {
            where.Append(""" AND m."CreatedAt" >= @from""");
            IndexCommands.Add(command, "@from", StoredTime(from));
        }
        if (q.CreatedUntil is { } until)
        {
            where.Append(""" AND m."CreatedAt" < @until""");
            IndexCommands.Add(command, "@until", StoredTime(until));
        }
        if (q.HasLink) where.Append(""" AND m."HasLink" """);
        if (q.IsPinned) where.Append(""" AND m."PinnedAt" IS NOT NULL""");
        if (q.HasImage || q.HasFile) where.Append(IndexCommands.HasAttachment(imagesOnly: q.HasImage));
        IndexCommands.Add(command, "@limit", query.Limit);

        var byRank = query.Order == SearchOrder.Relevance && match is not null;
        if (!byRank)
        {
            if (query.After is { } after)
            {
                where.Append(""" AND (m."CreatedAt" < @afterTime OR (m."CreatedAt" = @afterTime AND m."Id" < @afterId))""");
                IndexCommands.Add(command, "@afterTime", StoredTime(after.CreatedAt));
                IndexCommands.Add(command, "@afterId", Text(after.MessageId));
            }
            command.CommandText = $"""SELECT m."Id", 0.0, m."CreatedAt", NULL FROM {source} WHERE {where} ORDER BY m."CreatedAt" DESC, m."Id" DESC LIMIT @limit""";
            return;
        }

        // As on PostgreSQL: rank the newest matches only (bm25 is lower for better matches).
        IndexCommands.Add(command, "@window", query.RelevanceWindow);
        var keyset = "";
        if (query.After is { } cursor)
        {
            keyset = """WHERE c.rank < @afterRank OR (c.rank = @afterRank AND c."Id" < @afterId)""";
            IndexCommands.Add(command, "@afterRank", cursor.Rank);
            IndexCommands.Add(command, "@afterId", Text(cursor.MessageId));
        }
        command.CommandText = $"""
            SELECT c."Id", c.rank, c."CreatedAt", NULL FROM (
                SELECT m."Id", m."CreatedAt", -bm25("{Fts}") AS rank FROM {source} WHERE {where} ORDER BY m."CreatedAt" DESC, m."Id" DESC LIMIT @window
            ) c
            {keyset}
            ORDER BY c.rank DESC, c."Id" DESC LIMIT @limit
            """;
    }

    /// <summary>FTS5 snippets of the page's messages, by id.</summary>
    private static async Task<Dictionary<Guid, string>> SnippetsAsync(DbConnection connection, string match, List<IndexHit> page, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT m."Id", snippet("{Fts}", 0, @start, @end, ' … ', 24)
            FROM "{Fts}" JOIN "Messages" m ON m.rowid = "{Fts}".rowid
            WHERE "{Fts}" MATCH @match AND m."Id" IN (SELECT value FROM json_each(@ids))
            """;
        IndexCommands.Add(command, "@start", SearchSnippet.MatchStart);
        IndexCommands.Add(command, "@end", SearchSnippet.MatchEnd);
        IndexCommands.Add(command, "@match", match);
        IndexCommands.Add(command, "@ids", JsonSerializer.Serialize(page.Select(h => Text(h.MessageId))));
        var snippets = new Dictionary<Guid, string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) snippets[ReadId(reader)] = reader.GetString(1);
        return snippets;
    }

    /// <summary>
    /// The FTS5 query: every word and phrase as a quoted string (FTS5 operators in the text stay
    /// words), joined by AND, minus the exclusions. Null when there are no words to find.
    /// </summary>
    internal static string? MatchExpression(SearchQuery q)
    {
        if (!q.HasText) return null;
        var positive = string.Join(' ', q.Words.Concat(q.Phrases).Select(Quote));
        return q.Excluded.Count == 0 ? positive : $"({positive}) NOT {string.Join(" NOT ", q.Excluded.Select(Quote))}";
    }

    private static string Quote(string term) => $"\"{term.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static Guid ReadId(DbDataReader reader) => Guid.Parse(reader.GetString(0));

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    // EF Core's SQLite format for DateTimeOffset.
    private static string StoredTime(DateTimeOffset time) => time.ToUniversalTime().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
