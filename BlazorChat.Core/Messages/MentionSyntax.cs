using System.Text.RegularExpressions;
using BlazorChat.Core.Users;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BlazorChat.Core.Messages;

/// <summary>The people a message names: usernames (lower case) and whether it calls the whole room.</summary>
public sealed record MentionSet(IReadOnlySet<string> Usernames, bool Room)
{
    public static readonly MentionSet None = new(new HashSet<string>(), false);
}

/// <summary>
/// Finds <c>@username</c>, <c>@here</c> and <c>@room</c> in the parsed markdown (text only: never in
/// code, link text or link targets) and turns the ones that count into <see cref="MentionInline"/>
/// nodes. Working on the syntax tree, not on the HTML, keeps the output as inert as the rest of it.
/// </summary>
internal static partial class MentionSyntax
{
    /// <summary>Words that call the whole room rather than one person.</summary>
    public static readonly IReadOnlySet<string> RoomWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "here", "room" };

    // "@" not glued to a word before it (so user@example.com is not a mention), then username characters.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.\-@/])@([a-z0-9_.\-]{1,64})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    /// <summary>
    /// Every name the text could mean. "@alice." at the end of a sentence could be "alice." or
    /// "alice", so both are offered and <see cref="Mark"/> later takes the longest that is known.
    /// </summary>
    public static MentionSet Scan(MarkdownDocument document)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var room = false;
        foreach (var literal in MentionableLiterals(document))
        {
            foreach (Match match in Candidate().Matches(literal.Content.ToString()))
            {
                foreach (var name in Readings(match.Groups[1].Value))
                {
                    if (RoomWords.Contains(name)) room = true;
                    else names.Add(name.ToLowerInvariant());
                }
            }
        }
        return new MentionSet(names, room);
    }

    /// <summary>Replaces the mentions in <paramref name="mentions"/> by <see cref="MentionInline"/> nodes; other "@words" stay text.</summary>
    public static void Mark(MarkdownDocument document, MentionSet mentions)
    {
        foreach (var literal in MentionableLiterals(document))
        {
            var text = literal.Content.ToString();
            var pieces = new List<Inline>();
            var position = 0;
            foreach (Match match in Candidate().Matches(text))
            {
                var name = Readings(match.Groups[1].Value).FirstOrDefault(n =>
                    RoomWords.Contains(n) ? mentions.Room : mentions.Usernames.Contains(n.ToLowerInvariant()));
                if (name is null) continue;
                if (match.Index > position) pieces.Add(new LiteralInline(text[position..match.Index]));
                pieces.Add(new MentionInline(name, RoomWords.Contains(name)));
                position = match.Index + 1 + name.Length;
            }
            if (pieces.Count == 0) continue;
            if (position < text.Length) pieces.Add(new LiteralInline(text[position..]));
            var container = new ContainerInline();
            foreach (var piece in pieces) container.AppendChild(piece);
            literal.ReplaceBy(container);
        }
    }

    /// <summary>The typed name and its shorter readings without trailing dots or hyphens, longest first, each a valid username length.</summary>
    private static IEnumerable<string> Readings(string typed)
    {
        for (var name = typed; name.Length >= UsernameRules.MinLength; name = name[..^1])
        {
            if (name.Length <= UsernameRules.MaxLength) yield return name;
            if (name[^1] is not ('.' or '-')) yield break;
        }
    }

    /// <summary>
    /// Plain-text nodes outside links, with neighbouring text nodes merged first: the parser splits
    /// text at characters that might start markup ("_" in "@ann_lee"), which would cut names apart.
    /// </summary>
    private static List<LiteralInline> MentionableLiterals(MarkdownDocument document)
    {
        // Each leaf block (paragraph, heading, table cell) holds its text under a root container
        // that Descendants does not list itself; code blocks have none.
        var containers = document.Descendants<LeafBlock>()
            .Select(b => b.Inline).OfType<ContainerInline>()
            .SelectMany(root => root.Descendants<ContainerInline>().Prepend(root))
            .Where(c => c is not LinkInline && !c.FindParentOfType<LinkInline>().Any())
            .ToList();
        var literals = new List<LiteralInline>();
        foreach (var container in containers)
        {
            var child = container.FirstChild;
            while (child is not null)
            {
                if (!IsPlainText(child)) { child = child.NextSibling; continue; }
                var run = (LiteralInline)child;
                while (run.NextSibling is { } next && IsPlainText(next))
                {
                    var merged = new LiteralInline(run.Content.ToString() + ((LiteralInline)next).Content.ToString());
                    next.Remove();
                    run.ReplaceBy(merged);
                    run = merged;
                }
                literals.Add(run);
                child = run.NextSibling;
            }
        }
        return literals;
    }

    // Exactly LiteralInline: emoji and other literal-derived nodes keep their own rendering.
    private static bool IsPlainText(Inline inline) => inline.GetType() == typeof(LiteralInline);
}

/// <summary>A mention in a message: <c>@name</c> that the renderer highlights.</summary>
internal sealed class MentionInline(string name, bool isRoom) : LeafInline
{
    /// <summary>The name as typed (without "@").</summary>
    public string Name { get; } = name;

    /// <summary>True for @here / @room.</summary>
    public bool IsRoom { get; } = isRoom;
}

/// <summary>
/// Writes a mention as <c>&lt;span class="mention"&gt;@name&lt;/span&gt;</c>. The name only ever
/// holds username characters, and it is escaped all the same.
/// </summary>
internal sealed class MentionHtmlRenderer : HtmlObjectRenderer<MentionInline>
{
    protected override void Write(HtmlRenderer renderer, MentionInline mention)
    {
        if (!renderer.EnableHtmlForInline)
        {
            renderer.Write('@').WriteEscape(mention.Name);
            return;
        }
        renderer.Write(mention.IsRoom ? "<span class=\"mention mention-room\">@" : "<span class=\"mention\">@")
            .WriteEscape(mention.Name)
            .Write("</span>");
    }
}
