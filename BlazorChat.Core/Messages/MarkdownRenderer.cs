using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BlazorChat.Core.Messages;

/// <summary>
/// Turns message markdown into inert HTML, once, at write time. Raw HTML is shown as text; only
/// http, https and mailto targets survive as links; every link gets rel="nofollow noopener ugc".
/// Images become plain links so a message can never load a tracking pixel. Mentions that count
/// (<see cref="MentionSet"/>) are highlighted by a pass over the syntax tree, never by editing HTML.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly HashSet<string> AllowedSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" };

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks(new AutoLinkOptions { OpenInNewWindow = false })
        .UseEmojiAndSmiley(enableSmileys: false)
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>
    /// Renders <paramref name="markdown"/> to HTML that is safe to insert into a page, highlighting
    /// the mentions in <paramref name="mentions"/> (other "@words" stay text).
    /// </summary>
    public string Render(string markdown, MentionSet? mentions = null) => Render(Parse(markdown), mentions);

    /// <summary>Parses once for <see cref="FindMentions(MarkdownDocument)"/> and <see cref="Render(MarkdownDocument, MentionSet?)"/>.</summary>
    internal MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, _pipeline);

    /// <summary><see cref="Render(string, MentionSet?)"/> of a document from <see cref="Parse"/>, which it changes: render a document once.</summary>
    internal string Render(MarkdownDocument document, MentionSet? mentions)
    {
        if (mentions is not null) MentionSyntax.Mark(document, mentions);
        foreach (var node in document.Descendants().ToList())
        {
            switch (node)
            {
                case LinkInline link:
                    SecureLink(link);
                    break;
                case AutolinkInline autolink when !autolink.IsEmail && !IsAllowed(autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
                case AutolinkInline autolink:
                    autolink.GetAttributes().AddProperty("rel", LinkRel);
                    break;
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.ObjectRenderers.Add(new MentionHtmlRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// True when HTML from <see cref="Render(string, MentionSet?)"/> holds a link. Every link it writes carries this
    /// <c>rel</c>, and quotes in text are escaped, so text cannot fake one. Stored as
    /// <c>Message.HasLink</c> for the search filter <c>has:link</c>.
    /// </summary>
    public static bool ContainsLink(string html) => html.Contains(LinkMarker, StringComparison.Ordinal);

    /// <summary>What every rendered link carries; the migration that added <c>HasLink</c> looks for it too.</summary>
    internal const string LinkMarker = $"rel=\"{LinkRel}\"";

    /// <summary>Every name <paramref name="markdown"/> mentions in its text (not in code or links), to be checked against the room's members.</summary>
    public MentionSet FindMentions(string markdown) => FindMentions(Parse(markdown));

    /// <summary><see cref="FindMentions(string)"/> of a parsed document (it is not changed).</summary>
    internal static MentionSet FindMentions(MarkdownDocument document) => MentionSyntax.Scan(document);

    /// <summary>The text a reader sees, whitespace collapsed, cut to <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public string ToPlainText(string markdown, int maxLength)
    {
        var text = string.Join(' ', Markdown.ToPlainText(markdown, _pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= maxLength ? text : text[..maxLength].TrimEnd() + "…";
    }

    private static void SecureLink(LinkInline link)
    {
        if (!IsAllowed(link.Url))
        {
            // Keep what the author wrote as text; drop the target.
            if (link.IsAutoLink)
            {
                link.ReplaceBy(new LiteralInline(link.Url ?? ""), copyChildren: false);
                return;
            }
            var container = new ContainerInline();
            if (link.FirstChild is null) container.AppendChild(new LiteralInline(link.Url ?? ""));
            else while (link.FirstChild is { } child) { child.Remove(); container.AppendChild(child); }
            link.ReplaceBy(container);
            return;
        }
        if (link.IsImage)
        {
            link.IsImage = false;
            if (link.FirstChild is null) link.AppendChild(new LiteralInline(link.Url!));
        }
        link.GetAttributes().AddProperty("rel", LinkRel);
    }

    private const string LinkRel = "nofollow noopener ugc";

    internal static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        if (url.Any(char.IsControl)) return false;
        var colon = url.IndexOf(':');
        if (colon <= 0) return false;
        var scheme = url[..colon];
        if (!AllowedSchemes.Contains(scheme)) return false;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && AllowedSchemes.Contains(uri.Scheme);
    }
}
