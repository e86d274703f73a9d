using BlazorChat.Core.Search;

namespace BlazorChat.Web.Components.Search;

/// <summary>A filter of the query shown as a chip, with the query that remains when it is removed.</summary>
public sealed record SearchChip(string Label, string QueryWithout);

/// <summary>
/// Writes a parsed query back as text, one token per part, so the page can show each filter as a
/// chip and offer the query without it. Words and phrases stay in the search box, not in chips.
/// </summary>
public static class SearchChips
{
    public static IReadOnlyList<SearchChip> Of(SearchQuery query)
    {
        var terms = query.Words.Select(w => w)
            .Concat(query.Phrases.Select(p => $"\"{p}\""))
            .Concat(query.Excluded.Select(e => e.Contains(' ') ? $"-\"{e}\"" : $"-{e}"))
            .ToList();
        var filters = new List<string>();
        filters.AddRange(query.FromUsers.Select(u => $"from:@{u}"));
        filters.AddRange(query.InRooms.Select(r => r.Contains(' ') ? $"in:\"{r}\"" : $"in:#{r}"));
        if (query.HasLink) filters.Add("has:link");
        if (query.HasFile) filters.Add("has:file");
        if (query.HasImage) filters.Add("has:image");
        if (query.IsPinned) filters.Add("is:pinned");
        if (query.After is { } after) filters.Add($"after:{after:yyyy-MM-dd}");
        if (query.Before is { } before) filters.Add($"before:{before:yyyy-MM-dd}");
        if (query.On is { } on) filters.Add($"on:{on:yyyy-MM-dd}");
        return [.. filters.Select((label, i) => new SearchChip(label, string.Join(' ', terms.Concat(filters.Where((_, j) => j != i)))))];
    }
}
