using BlazorChat.Core.Events;
using BlazorChat.Core.Presence;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorChat.Tests.Presence;

/// <summary>The tracker counts every tab of a person; only the last one closing makes them offline.</summary>
public sealed class PresenceAcrossTabs(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private (PresenceTracker Tracker, ManualClock Clock, List<PresenceStatus> Seen, IDisposable Subscription) Track(Guid userId)
    {
        var clock = new ManualClock();
        // A bus of its own: the host's tracker would hear this one's reports and publish too.
        var bus = new InMemoryEventBus(NullLogger<InMemoryEventBus>.Instance);
        var seen = new List<PresenceStatus>();
        var subscription = bus.Subscribe(Topics.Presence(userId), e =>
        {
            if (e is PresenceChanged changed) lock (seen) seen.Add(changed.Presence.Status);
            return Task.CompletedTask;
        });
        return (new PresenceTracker(Host.DbFactory, bus, clock, NullLogger<PresenceTracker>.Instance), clock, seen, subscription);
    }

    [Fact]
    public async Task A_second_tab_closing_leaves_the_person_online_and_the_last_one_records_last_seen()
    {
        var alice = await Host.CreateUserAsync("alice");
        var (tracker, clock, seen, subscription) = Track(alice.Id);
        using var _ = subscription;

        var first = await tracker.ConnectAsync(alice.Id);
        var second = await tracker.ConnectAsync(alice.Id);
        tracker.Get(alice.Id).Status.ShouldBe(PresenceStatus.Online);

        await second.DisposeAsync();
        tracker.Get(alice.Id).Status.ShouldBe(PresenceStatus.Online);

        clock.Advance(TimeSpan.FromMinutes(1));
        await first.DisposeAsync();
        tracker.Get(alice.Id).ShouldBe(new PresenceView(PresenceStatus.Offline, clock.GetUtcNow()));
        seen.ShouldBe([PresenceStatus.Online, PresenceStatus.Offline]);

        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Users.Where(u => u.Id == alice.Id).Select(u => u.LastSeenAt).SingleAsync()).ShouldBe(clock.GetUtcNow());
    }

    [Fact]
    public async Task Hiding_every_tab_or_idling_makes_the_person_away_and_input_brings_them_back()
    {
        var bob = await Host.CreateUserAsync("bob");
        var (tracker, clock, seen, subscription) = Track(bob.Id);
        using var _ = subscription;
        var tab = await tracker.ConnectAsync(bob.Id);

        await tracker.ReportActivityAsync(bob.Id, tab, visible: false, active: false);
        tracker.Get(bob.Id).Status.ShouldBe(PresenceStatus.Away);

        await tracker.ReportActivityAsync(bob.Id, tab, visible: true, active: true);
        tracker.Get(bob.Id).Status.ShouldBe(PresenceStatus.Online);

        clock.Advance(PresenceRules.IdleAfter);
        await tracker.SweepAsync();
        tracker.Get(bob.Id).Status.ShouldBe(PresenceStatus.Away);

        seen.ShouldBe([PresenceStatus.Online, PresenceStatus.Away, PresenceStatus.Online, PresenceStatus.Away]);
        await tab.DisposeAsync();
    }

    [Fact]
    public async Task Do_not_disturb_is_stored_and_shown_while_connected()
    {
        var carol = await Host.CreateUserAsync("carol");
        var (tracker, _, _, subscription) = Track(carol.Id);
        using var _ = subscription;
        var tab = await tracker.ConnectAsync(carol.Id);

        await tracker.SetDoNotDisturbAsync(carol.Id, true);
        tracker.Get(carol.Id).Status.ShouldBe(PresenceStatus.DoNotDisturb);

        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Users.Where(u => u.Id == carol.Id).Select(u => u.DoNotDisturb).SingleAsync()).ShouldBeTrue();
        await tab.DisposeAsync();
    }

    [Fact]
    public async Task A_person_who_hides_their_status_looks_offline_to_others()
    {
        var dave = await Host.CreateUserAsync("dave");
        await using (var db = await Host.DbFactory.CreateDbContextAsync())
            await db.Users.Where(u => u.Id == dave.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.HideOnlineStatus, true));
        var (tracker, _, seen, subscription) = Track(dave.Id);
        using var _ = subscription;

        var tab = await tracker.ConnectAsync(dave.Id);

        tracker.Get(dave.Id).Status.ShouldBe(PresenceStatus.Offline);
        seen.ShouldBeEmpty();
        await tab.DisposeAsync();
    }
}
