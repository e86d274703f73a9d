using BlazorChat.Web.Components.Keyboard;

namespace BlazorChat.Tests.Components.Keyboard;

/// <summary>The quick switcher finds rooms and people by a few letters of their name, in order, best match first.</summary>
public sealed class QuickSwitcherMatching
{
    [Theory]
    [InlineData("gen", "general")]
    [InlineData("gnrl", "general")]
    [InlineData("GENERAL", "general")]
    [InlineData("dsr", "design-review")]
    [InlineData("alice", "Alice Smith")]
    [InlineData("as", "Alice Smith")]
    public void Letters_in_order_match(string query, string name) =>
        FuzzyMatch.Score(query, name).ShouldNotBeNull();

    [Theory]
    [InlineData("lareneg", "general")]
    [InlineData("genx", "general")]
    [InlineData("ab", "b")]
    public void Letters_out_of_order_or_missing_do_not_match(string query, string name) =>
        FuzzyMatch.Score(query, name).ShouldBeNull();

    [Fact]
    public void An_empty_query_matches_everything() =>
        FuzzyMatch.Score("  ", "random").ShouldBe(0);

    [Fact]
    public void A_prefix_beats_the_same_letters_scattered()
    {
        var ranked = FuzzyMatch.Rank(["marketing-dev", "dev-ops", "d-e-v"], n => n, "dev");

        ranked[0].ShouldBe("dev-ops");
        ranked.ShouldContain("marketing-dev");
        ranked[^1].ShouldBe("d-e-v");
    }

    [Fact]
    public void Word_starts_beat_letters_inside_words()
    {
        var ranked = FuzzyMatch.Rank(["random-banter", "design-review"], n => n, "dr");

        ranked.ShouldBe(["design-review", "random-banter"]);
    }

    [Fact]
    public void A_shorter_name_wins_a_tie()
    {
        var ranked = FuzzyMatch.Rank(["general-announcements", "general"], n => n, "general");

        ranked.ShouldBe(["general", "general-announcements"]);
    }

    [Fact]
    public void Names_that_do_not_match_are_left_out_and_ties_keep_their_order()
    {
        var ranked = FuzzyMatch.Rank(["beta", "alpha", "gamma", "alpine"], n => n, "al");

        ranked.ShouldBe(["alpha", "alpine"]);
    }

    [Fact]
    public void Matched_positions_point_at_the_word_starts_when_they_can()
    {
        var match = FuzzyMatch.Match("dr", "design-review").ShouldNotBeNull();

        match.Positions.ShouldBe([0, 7]);
    }
}
