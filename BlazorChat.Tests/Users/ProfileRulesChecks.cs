using BlazorChat.Core.Common;
using BlazorChat.Core.Users;

namespace BlazorChat.Tests.Users;

/// <summary>What a display name, a bio and a time zone may be, with the message a person sees.</summary>
public sealed class ProfileRulesChecks
{
    [Theory]
    [InlineData("  Alice Liddell  ", "Alice Liddell")]
    [InlineData("Zoë 🌱", "Zoë 🌱")]
    public void A_display_name_is_trimmed(string input, string expected) => ProfileRules.DisplayName(input).ShouldBe(expected);

    [Theory]
    [InlineData("", "Enter a display name.")]
    [InlineData("   ", "Enter a display name.")]
    [InlineData("two\nlines", "A display name cannot contain line breaks or control characters.")]
    public void A_display_name_that_is_empty_or_has_control_characters_is_refused(string input, string message)
    {
        var refusal = Should.Throw<ChatValidationException>(() => ProfileRules.DisplayName(input));
        refusal.Field.ShouldBe("DisplayName");
        refusal.Message.ShouldBe(message);
    }

    [Fact]
    public void A_display_name_longer_than_64_characters_is_refused()
    {
        ProfileRules.DisplayName(new string('a', 64)).Length.ShouldBe(64);
        Should.Throw<ChatValidationException>(() => ProfileRules.DisplayName(new string('a', 65))).Message.ShouldContain("at most 64");
    }

    [Fact]
    public void A_bio_keeps_line_breaks_and_an_empty_one_is_none()
    {
        ProfileRules.Bio("  Gardener.\r\nTea drinker.  ").ShouldBe("Gardener.\nTea drinker.");
        ProfileRules.Bio("   ").ShouldBeNull();
        ProfileRules.Bio(null).ShouldBeNull();
    }

    [Fact]
    public void A_bio_over_300_characters_or_with_control_characters_is_refused()
    {
        ProfileRules.Bio(new string('b', 300))!.Length.ShouldBe(300);
        var tooLong = Should.Throw<ChatValidationException>(() => ProfileRules.Bio(new string('b', 301)));
        tooLong.Field.ShouldBe("Bio");
        tooLong.Message.ShouldBe("A bio has at most 300 characters (this one has 301).");
        Should.Throw<ChatValidationException>(() => ProfileRules.Bio("bell\u0007")).Field.ShouldBe("Bio");
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void An_IANA_time_zone_is_accepted(string id) => ProfileRules.TimeZone(id).ShouldBe(id);

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Berlin; DROP TABLE")]
    [InlineData("+02:00")]
    public void Anything_but_a_known_IANA_time_zone_is_refused(string id)
    {
        var refusal = Should.Throw<ChatValidationException>(() => ProfileRules.TimeZone(id));
        refusal.Field.ShouldBe("TimeZone");
        refusal.Message.ShouldContain("is not a time zone");
    }

    [Fact]
    public void No_time_zone_means_follow_the_browser() => ProfileRules.TimeZone("  ").ShouldBeNull();
}
