using BlazorChat.Core.Search;

namespace BlazorChat.Tests.Search;

/// <summary>The search language: what each part of a query means, and what is explained instead of ignored.</summary>
public sealed class SearchQueryParsing
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static SearchQuery Parse(string text, TimeZoneInfo? zone = null) => SearchQueryParser.Parse(text, zone ?? TimeZoneInfo.Utc, Now);

    [Fact]
    public void Words_phrases_and_exclusions_are_told_apart_and_lower_cased()
    {
        var query = Parse("Deploy \"Release Candidate\"  -staging -\"dry  run\" deploy");

        query.Words.ShouldBe(["deploy"]);
        query.Phrases.ShouldBe(["release candidate"]);
        query.Excluded.ShouldBe(["staging", "dry run"]);
        query.Problems.ShouldBeEmpty();
        query.HasFilters.ShouldBeFalse();
    }

    [Fact]
    public void Filters_are_read_with_or_without_their_sigils()
    {
        var query = Parse("from:@Alice from:bob in:#General in:\"Team Chat\" has:link is:pinned report");

        query.FromUsers.ShouldBe(["alice", "bob"]);
        query.InRooms.ShouldBe(["general", "team chat"]);
        query.HasLink.ShouldBeTrue();
        query.IsPinned.ShouldBeTrue();
        query.Words.ShouldBe(["report"]);
        query.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Dates_become_the_days_bounds_in_the_searchers_time_zone()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

        var on = Parse("on:2026-03-01", plusTwo);
        on.CreatedFrom.ShouldBe(new DateTimeOffset(2026, 2, 28, 22, 0, 0, TimeSpan.Zero));
        on.CreatedUntil.ShouldBe(new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero));

        var range = Parse("after:2026-03-01 before:2026-03-05");
        range.CreatedFrom.ShouldBe(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        range.CreatedUntil.ShouldBe(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero));

        Parse("on:yesterday").On.ShouldBe(new DateOnly(2026, 3, 9));
        Parse("after:today").CreatedFrom.ShouldBe(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_day_that_begins_after_a_skipped_midnight_starts_when_the_clock_allows()
    {
        // A zone whose clocks jump from 00:00 to 01:00 on 2026-03-29.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2026, 1, 1), new DateTime(2026, 12, 31), TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 29),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 1, 0, 0), 10, 25));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Jumpy", TimeSpan.Zero, "Jumpy", "Jumpy", "Jumpy DST", [rule]);

        Parse("on:2026-03-29", zone).CreatedFrom.ShouldBe(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("colour:blue", "\"colour:\" is not a filter")]
    [InlineData("has:video", "has: takes link, file or image")]
    [InlineData("is:starred", "is: takes pinned")]
    [InlineData("before:03/01/2026", "before: needs a date like 2026-03-01")]
    [InlineData("-from:alice", "Filters cannot be excluded")]
    [InlineData("from:@", "from: needs a username")]
    [InlineData("-only", "Add a word or a filter")]
    [InlineData("after:2026-03-05 before:2026-03-02", "The dates leave no day to search")]
    public void What_cannot_be_used_is_explained(string text, string explanation)
    {
        var query = Parse($"{text}");
        query.Problems.ShouldContain(p => p.Contains(explanation, StringComparison.Ordinal), $"problems: {string.Join(" | ", query.Problems)}");
    }

    [Fact]
    public void Links_times_and_punctuation_stay_words()
    {
        var query = Parse("https://example.com/x 10:30 -- !!!");

        query.Words.ShouldBe(["https://example.com/x", "10:30"]);
        query.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Long_queries_are_cut_with_an_explanation()
    {
        var query = Parse(string.Join(' ', Enumerable.Range(0, 30).Select(i => $"w{i}")));

        query.Words.Count.ShouldBe(SearchQueryParser.MaxTerms);
        query.Problems.ShouldHaveSingleItem().ShouldContain("at most 20 words");
        Parse(new string('a', 600)).Problems.ShouldContain(p => p.Contains("at most 500 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Cursors_survive_a_round_trip_and_garbage_means_the_first_page()
    {
        var cursor = new SearchCursor(Guid.CreateVersion7(), new DateTimeOffset(2026, 3, 1, 12, 30, 15, TimeSpan.Zero).AddTicks(1234567), 0.1 + 0.2);
        SearchCursor.Decode(cursor.Encode()).ShouldBe(cursor);
        SearchCursor.Decode("nonsense").ShouldBeNull();
        SearchCursor.Decode(null).ShouldBeNull();
    }
}
