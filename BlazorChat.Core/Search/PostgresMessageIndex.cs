using System.Text;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace BlazorChat.Core.Search;

/// <summary>
/// Search on PostgreSQL: the stored <c>tsvector</c> of each live message (configuration 'simple')
/// with its GIN index, <c>websearch_to_tsquery</c>, keyset pages by time (the index on
/// <c>(CreatedAt, Id)</c> also serves date filters) or by <c>ts_rank_cd</c>, and <c>ts_headline</c> snippets for the page only.
/// </summary>
internal sealed class PostgresMessageIndex : IMessageIndex
{
    private const string Config = SearchSchema.PostgresConfiguration;

    // Only the rows of the page get a headline: it re-parses the body.
    private static readonly string HeadlineOptions =
        $"StartSel={SearchSnippet.MatchStart}, StopSel={SearchSnippet.MatchEnd}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";

    public async Task<IReadOnlyList<IndexHit>> FindAsync(ChatDbContext db, IndexQuery query, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = BuildCommand(query);
            command.Connection = connection;
            return await IndexCommands.ReadHitsAsync(command, r => r.GetGuid(0), r => r.GetFieldValue<DateTimeOffset>(2), ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The one search statement for <paramref name="query"/>; public to the benchmark, which EXPLAINs it.</summary>
    internal static NpgsqlCommand BuildCommand(IndexQuery query)
    {
        var q = query.Query;
        var command = new NpgsqlCommand();
        var text = WebSearchText(q);
        var where = new StringBuilder("""m."DeletedAt" IS NULL AND m."RoomId" = ANY(@rooms)""");
        command.Parameters.Add(new NpgsqlParameter("rooms", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = query.RoomIds.ToArray() });
        if (text is not null)
        {
            where.Append($""" AND m."{SearchSchema.VectorColumn}" @@ websearch_to_tsquery('{Config}', @text)""");
            command.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text) { Value = text });
        }
        if (query.AuthorIds is { } authors)
        {
            where.Append(""" AND m."AuthorId" = ANY(@authors)""");
            command.Parameters.Add(new NpgsqlParameter("authors", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = authors.ToArray() });
        }
        if (q.CreatedFrom is { } from)
        {
            where.Append(""" AND m."CreatedAt" >= @from""");
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from.ToUniversalTime() });
        }
        if (q.CreatedUntil is { } until)
        {
            where.Append(""" AND m."CreatedAt" < @until""");
            command.Parameters.Add(new NpgsqlParameter("until", NpgsqlDbType.TimestampTz) { Value = until.ToUniversalTime() });
        }
        if (q.HasLink) where.Append(""" AND m."HasLink" """);
        if (q.IsPinned) where.Append(""" AND m."PinnedAt" IS NOT NULL""");
        if (q.HasImage || q.HasFile) where.Append(IndexCommands.HasAttachment(imagesOnly: q.HasImage));

        var byRank = query.Order == SearchOrder.Relevance && text is not null;
        if (query.After is { } after)
        {
            command.Parameters.Add(new NpgsqlParameter("afterId", NpgsqlDbType.Uuid) { Value = after.MessageId });
            command.Parameters.Add(new NpgsqlParameter("afterRank", NpgsqlDbType.Double) { Value = after.Rank });
            command.Parameters.Add(new NpgsqlParameter("afterTime", NpgsqlDbType.TimestampTz) { Value = after.CreatedAt });
            if (!byRank) where.Append(""" AND (m."CreatedAt", m."Id") < (@afterTime, @afterId)""");
        }
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = query.Limit });
        var headline = text is null
            ? "NULL::text"
            : $"""ts_headline('{Config}', p."Body", websearch_to_tsquery('{Config}', @text), @headline)""";
        if (text is not null) command.Parameters.Add(new NpgsqlParameter("headline", NpgsqlDbType.Text) { Value = HeadlineOptions });

        if (!byRank)
        {
            command.CommandText = $"""
                SELECT p."Id", 0::double precision, p."CreatedAt", {headline}
                FROM (SELECT m."Id", m."CreatedAt", m."Body" FROM "Messages" m WHERE {where} ORDER BY m."CreatedAt" DESC, m."Id" DESC LIMIT @limit) p
                ORDER BY p."CreatedAt" DESC, p."Id" DESC
                """;
            return command;
        }

        // Relevance ranks the newest matches (a bounded window), so a word in every tenth
        // message costs the same as a rare one.
        command.Parameters.Add(new NpgsqlParameter("window", NpgsqlDbType.Integer) { Value = query.RelevanceWindow });
        var keyset = query.After is null ? "" : """WHERE (r.rank, r."Id") < (@afterRank, @afterId)""";
        command.CommandText = $"""
            SELECT p."Id", p.rank, p."CreatedAt", {headline}
            FROM (
                SELECT r."Id", r."CreatedAt", r."Body", r.rank
                FROM (
                    SELECT c."Id", c."CreatedAt", c."Body", ts_rank_cd(c."{SearchSchema.VectorColumn}", websearch_to_tsquery('{Config}', @text))::double precision AS rank
                    FROM (
                        SELECT m."Id", m."CreatedAt", m."Body", m."{SearchSchema.VectorColumn}" FROM "Messages" m WHERE {where}
                        ORDER BY m."CreatedAt" DESC, m."Id" DESC LIMIT @window
                    ) c
                ) r
                {keyset}
                ORDER BY r.rank DESC, r."Id" DESC
                LIMIT @limit
            ) p
            ORDER BY p.rank DESC, p."Id" DESC
            """;
        return command;
    }

    /// <summary>
    /// The words for <c>websearch_to_tsquery</c>: each word and phrase quoted (so "or" is a word,
    /// not an operator), exclusions with a minus. Null when there is nothing to match.
    /// </summary>
    internal static string? WebSearchText(SearchQuery q)
    {
        if (!q.HasText && q.Excluded.Count == 0) return null;
        static string Quote(string term) => $"\"{term.Replace("\"", "", StringComparison.Ordinal)}\"";
        return string.Join(' ', q.Words.Concat(q.Phrases).Select(Quote).Concat(q.Excluded.Select(t => "-" + Quote(t))));
    }
}
