using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Typing;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Typing;

/// <summary>Typing news goes out at most every three seconds per person and room, and only from people who may post.</summary>
public sealed class TypingRelay(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private (TypingService Service, ManualClock Clock, List<UserTyping> Seen, IDisposable Subscription) Relay(Guid roomId)
    {
        var clock = new ManualClock();
        var bus = Host.Services.GetRequiredService<IEventBus>();
        var seen = new List<UserTyping>();
        var subscription = bus.Subscribe(Topics.Room(roomId), e =>
        {
            if (e is UserTyping typing) lock (seen) seen.Add(typing);
            return Task.CompletedTask;
        });
        return (new TypingService(Host.DbFactory, bus, clock), clock, seen, subscription);
    }

    [Fact]
    public async Task One_event_per_person_and_room_every_three_seconds()
    {
        var (room, owner) = await Host.CreateChannelAsync("Typing throttle");
        var (typing, clock, seen, subscription) = Relay(room.Id);
        using var _ = subscription;

        (await typing.NotifyTypingAsync(owner.Id, room.Id)).ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(2.9));
        (await typing.NotifyTypingAsync(owner.Id, room.Id)).ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(0.1));
        (await typing.NotifyTypingAsync(owner.Id, room.Id)).ShouldBeTrue();

        seen.Count.ShouldBe(2);
        seen.ShouldAllBe(t => t.IsTyping && t.UserId == owner.Id && t.DisplayName == owner.DisplayName);
    }

    [Fact]
    public async Task Stopping_is_sent_at_once_and_resets_the_throttle()
    {
        var (room, owner) = await Host.CreateChannelAsync("Typing stop");
        var (typing, _, seen, subscription) = Relay(room.Id);
        using var _ = subscription;

        await typing.NotifyTypingAsync(owner.Id, room.Id);
        await typing.NotifyStoppedAsync(owner.Id, room.Id);
        (await typing.NotifyTypingAsync(owner.Id, room.Id)).ShouldBeTrue();

        seen.Select(t => t.IsTyping).ShouldBe([true, false, true]);
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_cannot_announce_typing()
    {
        var (room, _) = await Host.CreateChannelAsync("Typing outsiders");
        var outsider = await Host.CreateUserAsync("outsider");
        var (typing, _, seen, subscription) = Relay(room.Id);
        using var _ = subscription;

        (await typing.NotifyTypingAsync(outsider.Id, room.Id)).ShouldBeFalse();

        seen.ShouldBeEmpty();
    }
}
