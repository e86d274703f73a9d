namespace BlazorChat.Core.Search;

/// <summary>How search results are ordered.</summary>
public enum SearchOrder
{
    /// <summary>Newest message first.</summary>
    Newest,

    /// <summary>Best match first (among the newest matches; see <see cref="MessageSearch.RelevanceWindow"/>).</summary>
    Relevance,
}

/// <summary>
/// What a person typed into the search box, parsed: the words and phrases to find, what to leave
/// out, and the filters. Dates are already turned into instants in the searcher's time zone, so
/// the database only compares times. Anything the parser could not use is in <see cref="Problems"/>
/// with an explanation, never silently dropped.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The text as typed.</summary>
    public string Text { get; init; } = "";

    /// <summary>Single words every result contains (lower case).</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>Exact phrases every result contains (lower case).</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Words or phrases no result contains (<c>-word</c>, <c>-"a phrase"</c>).</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Usernames of <c>from:@user</c> (without the @); a result is by one of them.</summary>
    public IReadOnlyList<string> FromUsers { get; init; } = [];

    /// <summary>Room slugs or names of <c>in:#room</c> (without the #); a result is in one of them.</summary>
    public IReadOnlyList<string> InRooms { get; init; } = [];

    /// <summary><c>has:link</c>: results contain a link.</summary>
    public bool HasLink { get; init; }

    /// <summary><c>has:file</c> / <c>has:image</c>: results have attachments of that kind.</summary>
    public bool HasFile { get; init; }

    public bool HasImage { get; init; }

    /// <summary><c>is:pinned</c>: results are pinned in their room.</summary>
    public bool IsPinned { get; init; }

    /// <summary>The dates as typed (<c>before:</c>, <c>after:</c>, <c>on:</c>), for showing them back as chips.</summary>
    public DateOnly? Before { get; init; }

    public DateOnly? After { get; init; }
    public DateOnly? On { get; init; }

    /// <summary>Results were written at or after this instant (from <c>after:</c> and <c>on:</c>).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Results were written before this instant (from <c>before:</c> and <c>on:</c>).</summary>
    public DateTimeOffset? CreatedUntil { get; init; }

    /// <summary>Parts of the text that could not be used, each explained for the person who typed it.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when there are words or phrases to find.</summary>
    public bool HasText => Words.Count > 0 || Phrases.Count > 0;

    /// <summary>True when any filter narrows the results.</summary>
    public bool HasFilters => FromUsers.Count > 0 || InRooms.Count > 0 || HasLink || HasFile || HasImage || IsPinned
                              || CreatedFrom is not null || CreatedUntil is not null;

    /// <summary>True when the query says what to look for (text or a filter); exclusions alone do not.</summary>
    public bool CanRun => HasText || HasFilters;
}
