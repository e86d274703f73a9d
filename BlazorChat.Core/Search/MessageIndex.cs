using System.Data.Common;
using System.Globalization;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Data;

namespace BlazorChat.Core.Search;

/// <summary>
/// The provider's full-text lookup of messages. All search SQL lives behind this one seam
/// (<see cref="PostgresMessageIndex"/>, <see cref="SqliteMessageIndex"/>); the caller has already
/// decided which rooms and authors are allowed, so an index only filters and orders.
/// </summary>
public interface IMessageIndex
{
    /// <summary>One page of matching messages, in the order asked for, each with a snippet.</summary>
    Task<IReadOnlyList<IndexHit>> FindAsync(ChatDbContext db, IndexQuery query, CancellationToken ct);
}

/// <summary>
/// What an index looks for: the parsed text and flags of <paramref name="Query"/>, limited to
/// <paramref name="RoomIds"/> (never empty: the rooms the searcher may read) and, when given, to
/// <paramref name="AuthorIds"/>; the page after <paramref name="After"/>.
/// </summary>
public sealed record IndexQuery(
    SearchQuery Query,
    IReadOnlyList<Guid> RoomIds,
    IReadOnlyList<Guid>? AuthorIds,
    SearchOrder Order,
    SearchCursor? After,
    int Limit,
    int RelevanceWindow);

/// <summary>A match: the message, its rank (0 when ordered by time), its time and a snippet with <see cref="SearchSnippet"/> markers, or null without text.</summary>
public sealed record IndexHit(Guid MessageId, double Rank, DateTimeOffset CreatedAt, string? Snippet);

/// <summary>Where a page of results ended, so the next page starts after it (keyset paging).</summary>
/// <remarks>Newest first continues below (<see cref="CreatedAt"/>, <see cref="MessageId"/>); best first below (<see cref="Rank"/>, <see cref="MessageId"/>).</remarks>
public sealed record SearchCursor(Guid MessageId, DateTimeOffset CreatedAt, double Rank)
{
    /// <summary>An opaque text form for links and components.</summary>
    public string Encode() => $"{MessageId:N}~{CreatedAt.UtcTicks}~{Rank.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>Reads <see cref="Encode"/>'s form; anything else is null (the first page).</summary>
    public static SearchCursor? Decode(string? text)
    {
        var parts = text?.Split('~') ?? [];
        return parts.Length == 3
               && Guid.TryParseExact(parts[0], "N", out var id)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
               && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rank)
               && double.IsFinite(rank)
            ? new SearchCursor(id, new DateTimeOffset(ticks, TimeSpan.Zero), rank)
            : null;
    }
}

/// <summary>Small helpers both index implementations use to build their commands.</summary>
internal static class IndexCommands
{
    /// <summary>
    /// The condition of <c>has:file</c> (any file, images included) and <c>has:image</c>: the message
    /// still has such an attachment. Checked per candidate through the (MessageId, Position) index.
    /// </summary>
    public static string HasAttachment(bool imagesOnly) =>
        $" AND EXISTS (SELECT 1 FROM \"Attachments\" a WHERE a.\"MessageId\" = m.\"Id\" AND a.\"DeletedAt\" IS NULL"
        + (imagesOnly ? $" AND a.\"Kind\" = {(int)AttachmentKind.Image})" : ")");

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Reads rows of (id, rank, time, snippet); ids and times are read the provider's way.</summary>
    public static async Task<List<IndexHit>> ReadHitsAsync(DbCommand command, Func<DbDataReader, Guid> readId,
        Func<DbDataReader, DateTimeOffset> readTime, CancellationToken ct)
    {
        var hits = new List<IndexHit>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            hits.Add(new IndexHit(readId(reader), reader.GetDouble(1), readTime(reader), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return hits;
    }
}
