using System.Security.Claims;
using BlazorChat.Core.Common;
using BlazorChat.Core.Search;

namespace BlazorChat.Web.Api;

/// <summary>A page of search results, newest first or best first; <see cref="NextCursor"/> asks for the next page.</summary>
public sealed record SearchPage(IReadOnlyList<SearchResult> Items, string? NextCursor, IReadOnlyList<string> Problems);

/// <summary>Message search with the same query language, permissions and paging as the search page.</summary>
internal static class SearchEndpoints
{
    public const int MaxQueryLength = 500;

    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync).WithTags("Search")
            .WithName("searchMessages").WithSummary("Search the messages you may read")
            .WithDescription("`q` takes words, \"phrases\", -exclusions and the filters from:@user, in:#room, has:link|file|image, " +
                             "is:pinned, before:/after:/on: (dates as days in `timeZone`, an IANA name; UTC by default). " +
                             "What cannot be used is explained in `problems`. `order` is `newest` (default) or `relevance`; " +
                             "pass `nextCursor` back as `cursor` for the next page.")
            .Refuses(400);
    }

    private static async Task<SearchPage> SearchAsync(string? q, string? order, string? cursor, int? limit, string? timeZone,
        ClaimsPrincipal user, MessageSearch search, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) throw new ChatValidationException("Q", "Say what to search for.");
        if (q.Length > MaxQueryLength) throw new ChatValidationException("Q", $"A search has at most {MaxQueryLength} characters.");
        var sortBy = order?.ToLowerInvariant() switch
        {
            null or "" or "newest" => SearchOrder.Newest,
            "relevance" => SearchOrder.Relevance,
            _ => throw new ChatValidationException("Order", "The order is newest or relevance."),
        };
        var size = limit ?? MessageSearch.PageSize;
        if (size is < 1 or > 100) throw new ChatValidationException("Limit", "The limit is between 1 and 100.");
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(timeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ChatValidationException("TimeZone", $"\"{timeZone}\" is not a time zone; use an IANA name such as Europe/Berlin.");
        }
        var query = SearchQueryParser.Parse(q, zone, clock.GetUtcNow());
        var results = await search.SearchAsync(user.Id(), query, sortBy, cursor, size, ct);
        return new SearchPage(results.Items, results.NextCursor, results.Problems);
    }
}
