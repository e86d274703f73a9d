using AngleSharp.Dom;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>The markdown people type in messages renders to the expected HTML elements.</summary>
public sealed class MarkdownFormatting
{
    private readonly MarkdownRenderer _renderer = new();

    private IElement Render(string markdown) => Html.Fragment(_renderer.Render(markdown));

    [Fact]
    public void Emphasis_strikethrough_and_inline_code_render_as_their_elements()
    {
        var body = Render("**bold** *italic* ~~strike~~ `a < b`");

        body.QuerySelector("p > strong")!.TextContent.ShouldBe("bold");
        body.QuerySelector("p > em")!.TextContent.ShouldBe("italic");
        body.QuerySelector("p > del")!.TextContent.ShouldBe("strike");
        body.QuerySelector("p > code")!.TextContent.ShouldBe("a < b");
    }

    [Fact]
    public void A_fenced_code_block_keeps_its_text_literally()
    {
        var body = Render("```\nif (a < b && c > d) { **not bold** }\n```");

        body.QuerySelector("pre > code")!.TextContent.ShouldBe("if (a < b && c > d) { **not bold** }\n");
        body.QuerySelector("strong").ShouldBeNull();
    }

    [Fact]
    public void A_quote_renders_as_a_blockquote()
    {
        Render("> wise words").QuerySelector("blockquote > p")!.TextContent.ShouldBe("wise words");
    }

    [Fact]
    public void Bulleted_and_numbered_lists_render_as_lists()
    {
        Render("- one\n- two").QuerySelectorAll("ul > li").Select(li => li.TextContent).ShouldBe(["one", "two"]);
        Render("1. first\n2. second").QuerySelectorAll("ol > li").Select(li => li.TextContent).ShouldBe(["first", "second"]);
    }

    [Fact]
    public void A_pipe_table_renders_as_a_table_with_header_and_body()
    {
        var table = Render("| name | count |\n|---|---|\n| apples | 3 |").QuerySelector("table")!;

        table.QuerySelectorAll("thead th").Select(th => th.TextContent).ShouldBe(["name", "count"]);
        table.QuerySelectorAll("tbody td").Select(td => td.TextContent).ShouldBe(["apples", "3"]);
    }

    [Fact]
    public void A_markdown_link_keeps_its_text_and_target()
    {
        var link = Render("[the docs](https://example.com/docs?page=2)").QuerySelector("a")!;

        link.TextContent.ShouldBe("the docs");
        link.GetAttribute("href").ShouldBe("https://example.com/docs?page=2");
        link.GetAttribute("rel").ShouldBe("nofollow noopener ugc");
    }

    [Theory]
    [InlineData("see https://example.com/x?y=1 now", "https://example.com/x?y=1", "https://example.com/x?y=1")]
    [InlineData("go to www.example.com today", "http://www.example.com", "www.example.com")]
    [InlineData("<https://example.com/angle>", "https://example.com/angle", "https://example.com/angle")]
    [InlineData("write to mailto:team@example.com", "mailto:team@example.com", "team@example.com")]
    public void A_bare_address_becomes_a_link(string markdown, string href, string text)
    {
        var link = Render(markdown).QuerySelector("a")!;

        link.GetAttribute("href").ShouldBe(href);
        link.TextContent.ShouldBe(text);
        link.GetAttribute("rel").ShouldBe("nofollow noopener ugc");
    }

    [Theory]
    [InlineData("get ftp://example.com/file now", "get ftp://example.com/file now")]
    [InlineData("call tel:+15551234 now", "call tel:+15551234 now")]
    public void An_address_that_may_not_be_a_link_stays_as_it_was_typed(string markdown, string text)
    {
        var body = Render(markdown);

        body.QuerySelector("a").ShouldBeNull();
        body.NormalizedText().ShouldBe(text);
    }

    [Fact]
    public void An_emoji_shortcode_becomes_the_emoji()
    {
        Render(":tada: shipped :rocket:").QuerySelector("p")!.TextContent.ShouldBe("🎉 shipped 🚀");
    }

    [Fact]
    public void A_single_line_break_is_kept()
    {
        var paragraph = Render("first line\nsecond line").QuerySelector("p")!;

        paragraph.QuerySelectorAll("br").Length.ShouldBe(1);
        paragraph.NormalizedText().ShouldBe("first line second line");
    }
}
