using BlazorChat.Core.Presence;

namespace BlazorChat.Tests.Presence;

/// <summary>How several tabs add up to one status, and what privacy lets others see.</summary>
public sealed class PresenceAggregation
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static ConnectionActivity Tab(bool visible, double minutesSinceInput = 0) => new(visible, Now.AddMinutes(-minutesSinceInput));

    [Fact]
    public void Nobody_connected_is_offline() =>
        PresenceRules.Aggregate([], doNotDisturb: false, Now).ShouldBe(PresenceStatus.Offline);

    [Fact]
    public void One_visible_recently_used_tab_among_hidden_ones_is_online() =>
        PresenceRules.Aggregate([Tab(false), Tab(true, 2), Tab(false)], false, Now).ShouldBe(PresenceStatus.Online);

    [Fact]
    public void All_tabs_hidden_is_away() =>
        PresenceRules.Aggregate([Tab(false), Tab(false)], false, Now).ShouldBe(PresenceStatus.Away);

    [Fact]
    public void Ten_minutes_without_input_is_away()
    {
        PresenceRules.Aggregate([Tab(true, 9.9)], false, Now).ShouldBe(PresenceStatus.Online);
        PresenceRules.Aggregate([Tab(true, 10)], false, Now).ShouldBe(PresenceStatus.Away);
    }

    [Fact]
    public void Do_not_disturb_wins_while_connected_and_offline_when_not()
    {
        PresenceRules.Aggregate([Tab(true)], doNotDisturb: true, Now).ShouldBe(PresenceStatus.DoNotDisturb);
        PresenceRules.Aggregate([], doNotDisturb: true, Now).ShouldBe(PresenceStatus.Offline);
    }

    [Fact]
    public void Privacy_hides_the_status_and_the_last_seen_time_separately()
    {
        var seen = Now.AddHours(-1);
        PresenceRules.Visible(PresenceStatus.Online, seen, hideOnlineStatus: true, hideLastSeen: false)
            .ShouldBe(new PresenceView(PresenceStatus.Offline, seen));
        PresenceRules.Visible(PresenceStatus.Away, seen, hideOnlineStatus: false, hideLastSeen: true)
            .ShouldBe(new PresenceView(PresenceStatus.Away, null));
    }
}
