using System.Text;
using BlazorChat.Core.Messages;

namespace BlazorChat.Core.Search;

/// <summary>A piece of a snippet: text, and whether it is what the search matched.</summary>
public sealed record SnippetPart(string Text, bool IsMatch);

/// <summary>
/// The part of a message a result shows, with the matches marked. Kept as parts rather than
/// HTML so the page writes every piece as text: nothing a message says becomes markup.
/// </summary>
public sealed record SearchSnippet(IReadOnlyList<SnippetPart> Parts)
{
    /// <summary>The markers the databases put around a match (control characters a body does not use for anything).</summary>
    public const string MatchStart = "\u0002";
    public const string MatchEnd = "\u0003";

    /// <summary>The whole snippet as plain text.</summary>
    public string Text => string.Concat(Parts.Select(p => p.Text));

    /// <summary>Splits text with <see cref="MatchStart"/>/<see cref="MatchEnd"/> markers into parts, whitespace collapsed.</summary>
    public static SearchSnippet FromMarked(string marked)
    {
        var parts = new List<SnippetPart>();
        var inMatch = false;
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0) parts.Add(new SnippetPart(current.ToString(), inMatch));
            current.Clear();
        }
        var lastWasSpace = false;
        foreach (var c in marked)
        {
            if (c == MatchStart[0] || c == MatchEnd[0])
            {
                Flush();
                inMatch = c == MatchStart[0];
                continue;
            }
            var space = char.IsWhiteSpace(c);
            if (space && lastWasSpace) continue;
            current.Append(space ? ' ' : c);
            lastWasSpace = space;
        }
        Flush();
        return new SearchSnippet(parts);
    }

    /// <summary>A snippet without matches (a search by filters only).</summary>
    public static SearchSnippet Plain(string text) => new([new SnippetPart(text, false)]);
}

/// <summary>One result: the message with its room (for the link into context) and the snippet to show.</summary>
public sealed record SearchResult(LinkedMessage Message, SearchSnippet Snippet);

/// <summary>
/// A page of results for <see cref="Query"/>. <see cref="NextCursor"/> continues with the next page
/// (null on the last one); <see cref="Problems"/> explains what in the query was left out or cannot match.
/// </summary>
public sealed record SearchResults(SearchQuery Query, SearchOrder Order, IReadOnlyList<SearchResult> Items, string? NextCursor, IReadOnlyList<string> Problems)
{
    public static SearchResults Empty(SearchQuery query, SearchOrder order, IReadOnlyList<string> problems) => new(query, order, [], null, problems);
}
