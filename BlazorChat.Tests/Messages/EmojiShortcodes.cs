using BlazorChat.Core.Messages;

namespace BlazorChat.Tests.Messages;

/// <summary>One table of emoji shortcodes: the picker, the composer's ":name:" suggestions and reactions all use what messages render.</summary>
public sealed class EmojiShortcodes
{
    [Fact]
    public void Every_picker_category_lists_only_known_shortcodes_and_none_is_empty()
    {
        EmojiCatalog.Categories.ShouldNotBeEmpty();
        foreach (var category in EmojiCatalog.Categories)
        {
            category.Emoji.Count.ShouldBeGreaterThan(10, category.Name);
            category.Emoji.ShouldAllBe(e => EmojiCatalog.Find(e.Name)!.Emoji == e.Emoji);
        }
    }

    [Fact]
    public void No_emoji_appears_in_two_categories() =>
        EmojiCatalog.Categories.SelectMany(c => c.Emoji).GroupBy(e => e.Emoji).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();

    [Fact]
    public void Search_puts_names_starting_with_the_text_first()
    {
        var found = EmojiCatalog.Search("tad");

        found[0].ShouldBe(new EmojiEntry("🎉", "tada"));
    }

    [Fact]
    public void Search_finds_words_inside_names_and_ignores_case_and_colons()
    {
        var found = EmojiCatalog.Search(":CHECK");

        found.Select(e => e.Name).ShouldContain("white_check_mark");
        found.Select(e => e.Name).ShouldContain("heavy_check_mark");
    }

    [Fact]
    public void Search_lists_each_emoji_once_and_respects_the_limit()
    {
        var found = EmojiCatalog.Search("thumbs", limit: 5);

        found.Count.ShouldBeLessThanOrEqualTo(5);
        found.Select(e => e.Emoji).ShouldBeUnique();
        found.Select(e => e.Emoji).ShouldContain("👍");
    }

    [Fact]
    public void Search_for_nothing_finds_nothing() => EmojiCatalog.Search(" : ").ShouldBeEmpty();

    [Fact]
    public void A_shortcode_resolves_to_the_emoji_the_renderer_shows()
    {
        var html = new MarkdownRenderer().Render(":rocket:");

        EmojiCatalog.Resolve(":rocket:").ShouldBe("🚀");
        html.ShouldContain("🚀");
        EmojiCatalog.Resolve(":no_such_emoji:").ShouldBe(":no_such_emoji:");
        EmojiCatalog.NameOf("🚀").ShouldBe("rocket");
    }
}
