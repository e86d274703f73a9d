using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>Parses HTML the way a browser would, so tests assert on the DOM rather than on strings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The body of a document made from an HTML fragment (message HTML, a component's output).</summary>
    public static IElement Fragment(string html) => Parse(html).Body!;

    /// <summary>Collapses whitespace runs, as a reader sees text.</summary>
    public static string NormalizedText(this INode node) =>
        string.Join(' ', node.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
