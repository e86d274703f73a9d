using BlazorChat.Web.Components.Messages;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The composer notices an "@name" being typed at the caret and completes it.</summary>
public sealed class MentionTyping
{
    [Theory]
    [InlineData("@", 1, "")]
    [InlineData("hi @al", 6, "al")]
    [InlineData("(@ann_lee", 9, "ann_lee")]
    [InlineData("@al and more", 3, "al")]
    public void An_at_sign_after_a_space_or_at_the_start_starts_a_mention(string text, int caret, string prefix)
    {
        MentionQuery.Find(text, caret).ShouldNotBeNull().Prefix.ShouldBe(prefix);
    }

    [Theory]
    [InlineData("mail bob@example", 16)]
    [InlineData("hi @al ", 7)]
    [InlineData("no at sign", 5)]
    public void An_at_sign_inside_a_word_or_behind_the_caret_is_not_a_mention(string text, int caret)
    {
        MentionQuery.Find(text, caret).ShouldBeNull();
    }

    [Fact]
    public void Completing_replaces_what_was_typed_and_puts_the_caret_after_a_space()
    {
        var query = MentionQuery.Find("ping @al about it", 8).ShouldNotBeNull();

        var (text, caret) = query.Complete("ping @al about it", "alice");

        text.ShouldBe("ping @alice about it");
        caret.ShouldBe("ping @alice ".Length);
    }
}
