using BlazorChat.Web.Components.Messages;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The composer notices a ":name" being typed at the caret and replaces it with the chosen emoji.</summary>
public sealed class EmojiTyping
{
    [Theory]
    [InlineData(":ta", 3, "ta")]
    [InlineData("great :thumbs", 13, "thumbs")]
    [InlineData("(:+1", 4, "+1")]
    [InlineData(":ro and more", 3, "ro")]
    public void A_colon_at_the_start_or_after_a_space_starts_a_shortcode(string text, int caret, string prefix) =>
        EmojiQuery.Find(text, caret).ShouldNotBeNull().Prefix.ShouldBe(prefix);

    [Theory]
    [InlineData("at 10:30", 8)]
    [InlineData("see http://example", 18)]
    [InlineData(":t", 2)]
    [InlineData(":tada ", 6)]
    [InlineData("no colon", 4)]
    public void Times_addresses_one_letter_and_finished_words_are_not_shortcodes(string text, int caret) =>
        EmojiQuery.Find(text, caret).ShouldBeNull();

    [Fact]
    public void Completing_replaces_the_shortcode_with_the_emoji_and_puts_the_caret_after_a_space()
    {
        var query = EmojiQuery.Find("ship it :roc now", 12).ShouldNotBeNull();

        var (text, caret) = query.Complete("ship it :roc now", "🚀");

        text.ShouldBe("ship it 🚀 now");
        caret.ShouldBe("ship it 🚀 ".Length);
    }

    [Fact]
    public void A_closing_colon_already_typed_is_replaced_too()
    {
        var query = EmojiQuery.Find(":tada:", 5).ShouldNotBeNull();

        query.Complete(":tada:", "🎉").Text.ShouldBe("🎉 ");
    }
}
