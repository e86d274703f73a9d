using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Search;

/// <summary>
/// Message search for one person: parses their query, works out which rooms and authors it may
/// cover (only rooms they can read: their rooms and public channels, as <see cref="RoomAccess"/>
/// says), asks the provider's <see cref="IMessageIndex"/> for one keyset page, and loads the
/// messages with their rooms for linking into context. Reads only; nothing is stored.
/// </summary>
public sealed class MessageSearch(IDbContextFactory<ChatDbContext> dbFactory, IMessageIndex index, MarkdownRenderer markdown, TimeProvider clock)
{
    /// <summary>Results per page.</summary>
    public const int PageSize = 20;

    /// <summary>
    /// Ordering by relevance ranks this many of the newest matches. A very common word then costs
    /// no more than a rare one; what is best among older matches is found by narrowing the query.
    /// </summary>
    public const int RelevanceWindow = 1000;

    /// <summary>Parses <paramref name="text"/> with days as they fall in <paramref name="timeZone"/>.</summary>
    public SearchQuery Parse(string? text, TimeZoneInfo timeZone) => SearchQueryParser.Parse(text, timeZone, clock.GetUtcNow());

    /// <summary>Parses and runs <paramref name="text"/>: see <see cref="SearchAsync(Guid, SearchQuery, SearchOrder, string?, int, CancellationToken)"/>.</summary>
    public Task<SearchResults> SearchAsync(Guid viewerId, string? text, TimeZoneInfo timeZone, SearchOrder order = SearchOrder.Newest,
        string? cursor = null, CancellationToken ct = default) =>
        SearchAsync(viewerId, Parse(text, timeZone), order, cursor, PageSize, ct);

    /// <summary>
    /// One page of the messages matching <paramref name="query"/> that <paramref name="viewerId"/>
    /// may read, newest first or best first; <paramref name="cursor"/> (a previous page's
    /// <see cref="SearchResults.NextCursor"/>) continues after that page. Deleted messages never match.
    /// </summary>
    public async Task<SearchResults> SearchAsync(Guid viewerId, SearchQuery query, SearchOrder order = SearchOrder.Newest,
        string? cursor = null, int limit = PageSize, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (plan, problems) = await PlanAsync(db, viewerId, query, order, cursor, limit, ct);
        if (plan is null) return SearchResults.Empty(query, order, problems);

        var hits = await index.FindAsync(db, plan, ct);
        var page = hits.Take(limit).ToList();
        var messages = (await LinkedMessages.LoadAsync(db, [.. page.Select(h => h.MessageId)], markdown, ct)).ToDictionary(m => m.Message.Id);
        var items = page.Where(h => messages.ContainsKey(h.MessageId)).Select(h =>
        {
            var message = messages[h.MessageId];
            var snippet = h.Snippet is { } marked ? SearchSnippet.FromMarked(marked) : SearchSnippet.Plain(markdown.ToPlainText(message.Message.Body, 240));
            return new SearchResult(message, snippet);
        }).ToList();
        var next = hits.Count > limit ? new SearchCursor(page[^1].MessageId, page[^1].CreatedAt, page[^1].Rank).Encode() : null;
        return new SearchResults(query, order, items, next, problems);
    }

    /// <summary>
    /// What the index is asked for <paramref name="query"/> on behalf of <paramref name="viewerId"/>:
    /// the rooms they may read (narrowed by <c>in:</c>), the authors of <c>from:</c>, and one more
    /// row than a page (to know whether another follows). Null when nothing can match, with the
    /// reasons among the problems. The benchmark EXPLAINs these plans.
    /// </summary>
    internal static async Task<(IndexQuery? Plan, List<string> Problems)> PlanAsync(ChatDbContext db, Guid viewerId, SearchQuery query,
        SearchOrder order, string? cursor, int limit, CancellationToken ct)
    {
        var problems = new List<string>(query.Problems);
        // Nothing can match: explained by the parser already.
        if (!query.CanRun || query.CreatedFrom >= query.CreatedUntil) return (null, problems);

        var rooms = RoomAccess.ReadableRooms(db, viewerId);
        List<Guid> roomIds;
        if (query.InRooms.Count > 0)
        {
            var named = await rooms.Where(r => query.InRooms.Contains(r.Slug) || query.InRooms.Contains(r.Name.ToLower()))
                .Select(r => new { r.Id, r.Slug, Name = r.Name.ToLower() }).ToListAsync(ct);
            foreach (var missing in query.InRooms.Where(n => !named.Any(r => r.Slug == n || r.Name == n)))
                problems.Add($"There is no room \"#{missing}\" that you can read.");
            roomIds = [.. named.Select(r => r.Id)];
        }
        else roomIds = await rooms.Select(r => r.Id).ToListAsync(ct);

        List<Guid>? authorIds = null;
        if (query.FromUsers.Count > 0)
        {
            var normalized = query.FromUsers.Select(u => u.ToUpperInvariant()).ToList();
            var people = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!))
                .Select(u => new { u.Id, u.NormalizedUserName }).ToListAsync(ct);
            foreach (var missing in query.FromUsers.Where(n => people.All(p => p.NormalizedUserName != n.ToUpperInvariant())))
                problems.Add($"No one has the username \"@{missing}\".");
            authorIds = [.. people.Select(p => p.Id)];
        }
        if (roomIds.Count == 0 || authorIds is { Count: 0 }) return (null, problems);
        return (new IndexQuery(query, roomIds, authorIds, order, SearchCursor.Decode(cursor), limit + 1, RelevanceWindow), problems);
    }
}
