using BlazorChat.Core.Search;
using BlazorChat.Web.Components.Search;

namespace BlazorChat.Tests.Components.Search;

/// <summary>Each filter of a query is a chip whose removal keeps everything else the person asked for.</summary>
public sealed class SearchFilterChips
{
    private static SearchQuery Parse(string text) => SearchQueryParser.Parse(text, TimeZoneInfo.Utc, DateTimeOffset.UtcNow);

    [Fact]
    public void Every_filter_is_a_chip_and_removing_one_keeps_the_rest()
    {
        var chips = SearchChips.Of(Parse("deploy \"dry run\" -staging from:@alice in:\"Team Chat\" has:link on:2026-03-01"));

        chips.Select(c => c.Label).ShouldBe(["from:@alice", "in:\"team chat\"", "has:link", "on:2026-03-01"]);
        chips[0].QueryWithout.ShouldBe("deploy \"dry run\" -staging in:\"team chat\" has:link on:2026-03-01");
        chips[2].QueryWithout.ShouldBe("deploy \"dry run\" -staging from:@alice in:\"team chat\" on:2026-03-01");
        // What the chip leaves behind parses back to the same query without that filter.
        Parse(chips[1].QueryWithout).InRooms.ShouldBeEmpty();
        Parse(chips[1].QueryWithout).FromUsers.ShouldBe(["alice"]);
    }

    [Fact]
    public void Words_alone_make_no_chips()
    {
        SearchChips.Of(Parse("just words here")).ShouldBeEmpty();
    }
}
