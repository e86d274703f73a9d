using AngleSharp.Dom;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// Message HTML is inert whatever is typed: raw HTML shows as text, only http, https and mailto
/// targets become links, and images are links. The corpus below is checked on the parsed DOM,
/// the way a browser would see it.
/// </summary>
public sealed class MarkdownSafety
{
    private static readonly string[] AllowedHrefPrefixes = ["http:", "https:", "mailto:"];
    private static readonly string[] ActiveElements = ["script", "iframe", "frame", "object", "embed", "svg", "math", "img", "style", "link", "meta", "base", "form", "input", "button", "video", "audio", "source"];

    private readonly MarkdownRenderer _renderer = new();

    private IElement Render(string markdown) => Html.Fragment(_renderer.Render(markdown));

    // The shared corpus, rendered without members: "@names" stay text here; StoredMessageSafety covers them highlighted.
    public static TheoryData<string> Attacks => [.. XssCorpus.With("alice")];

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Rendered_html_has_no_active_content(string markdown)
    {
        var body = Render(markdown);
        var all = body.QuerySelectorAll("*").ToList();

        all.SelectMany(e => e.Attributes.Select(a => $"{e.LocalName}[{a.Name}]"))
            .Where(a => a.Contains("[on", StringComparison.OrdinalIgnoreCase) || a.EndsWith("[style]") || a.EndsWith("[src]") || a.EndsWith("[srcset]"))
            .ShouldBeEmpty();
        all.Select(e => e.LocalName).Intersect(ActiveElements).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Every_link_target_is_http_https_or_mailto(string markdown)
    {
        foreach (var element in Render(markdown).QuerySelectorAll("[href]"))
        {
            var href = element.GetAttribute("href")!;
            AllowedHrefPrefixes.ShouldContain(p => href.StartsWith(p, StringComparison.Ordinal), $"href=\"{href}\"");
        }
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Every_link_is_marked_nofollow_noopener_ugc(string markdown)
    {
        foreach (var link in Render(markdown).QuerySelectorAll("a"))
            link.GetAttribute("rel").ShouldBe("nofollow noopener ugc", $"<a href=\"{link.GetAttribute("href")}\">");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Raw_html_is_shown_as_the_text_that_was_typed(string markdown)
    {
        Render(markdown).NormalizedText().ShouldBe(markdown);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))")]
    [InlineData("[click me](JaVaScRiPt:alert(1))")]
    [InlineData("[click me](&#106;avascript:alert(1))")]
    [InlineData("[click me](data:text/html,hi)")]
    [InlineData("[click me](vbscript:msgbox(1))")]
    public void A_link_with_a_forbidden_scheme_keeps_its_text_and_loses_its_target(string markdown)
    {
        var body = Render(markdown);

        body.QuerySelector("a").ShouldBeNull();
        body.NormalizedText().ShouldBe("click me");
    }

    [Theory]
    [InlineData("![diagram](https://example.com/diagram.png)", "diagram")]
    [InlineData("![](https://example.com/diagram.png)", "https://example.com/diagram.png")]
    public void A_markdown_image_becomes_a_link_to_the_image(string markdown, string text)
    {
        var body = Render(markdown);

        body.QuerySelector("img").ShouldBeNull();
        var link = body.QuerySelector("a")!;
        link.GetAttribute("href").ShouldBe("https://example.com/diagram.png");
        link.TextContent.ShouldBe(text);
    }

    [Fact]
    public void An_email_autolink_is_marked_like_every_other_link()
    {
        var link = Render("<user@example.com>").QuerySelector("a")!;

        link.GetAttribute("href").ShouldBe("mailto:user@example.com");
        link.GetAttribute("rel").ShouldBe("nofollow noopener ugc");
    }
}
