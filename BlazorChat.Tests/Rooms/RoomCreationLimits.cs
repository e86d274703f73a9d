using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorChat.Tests.Rooms;

/// <summary>One person creates at most 5 rooms an hour and 100 in all; direct messages do not count.</summary>
public sealed class RoomCreationLimits(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private RoomService WithClock(TimeProvider clock, RoomLimits? limits = null) =>
        new(Host.DbFactory, Host.Services.GetRequiredService<IEventBus>(), clock, Options.Create(limits ?? new RoomLimits()));

    private static async Task<int> RoomsCreatedByAsync(ChatTestHost host, Guid userId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.Rooms.CountAsync(r => r.CreatedById == userId);
    }

    [Fact]
    public async Task The_sixth_room_within_an_hour_is_refused_with_when_to_try_again()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var rooms = WithClock(clock);
        var busy = await Host.CreateUserAsync("busy");
        for (var i = 0; i < 5; i++)
        {
            await rooms.CreateChannelAsync(busy.Id, $"Room {i}", null, isPrivate: i % 2 == 0);
            clock.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = await Should.ThrowAsync<ChatLimitException>(() => rooms.CreateChannelAsync(busy.Id, "One too many", null, isPrivate: false));

        refused.Message.ShouldContain("5 rooms per hour");
        refused.RetryAfter.ShouldBe(TimeSpan.FromMinutes(10));
        (await RoomsCreatedByAsync(Host, busy.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task An_hour_after_the_first_of_five_another_room_may_be_created()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var rooms = WithClock(clock);
        var busy = await Host.CreateUserAsync("busy");
        for (var i = 0; i < 5; i++) await rooms.CreateChannelAsync(busy.Id, $"Room {i}", null, isPrivate: false);

        clock.Advance(TimeSpan.FromHours(1));

        (await rooms.CreateChannelAsync(busy.Id, "Next hour", null, isPrivate: false)).Name.ShouldBe("Next hour");
    }

    [Fact]
    public async Task Group_messages_count_towards_the_hourly_limit()
    {
        var rooms = WithClock(new ManualClock(DateTimeOffset.UtcNow), new RoomLimits { RoomsPerHour = 2 });
        var busy = await Host.CreateUserAsync("busy");
        var (a, b) = (await Host.CreateUserAsync("a"), await Host.CreateUserAsync("b"));
        await rooms.CreateChannelAsync(busy.Id, "One", null, isPrivate: false);
        await rooms.CreateGroupAsync(busy.Id, [a.Id, b.Id], "Two");

        await Should.ThrowAsync<ChatLimitException>(() => rooms.CreateGroupAsync(busy.Id, [a.Id, b.Id], "Three"));

        (await RoomsCreatedByAsync(Host, busy.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Direct_messages_do_not_count_towards_the_limits()
    {
        var rooms = WithClock(new ManualClock(DateTimeOffset.UtcNow), new RoomLimits { RoomsPerHour = 1, RoomsPerUser = 1 });
        var busy = await Host.CreateUserAsync("busy");
        await rooms.CreateChannelAsync(busy.Id, "The one", null, isPrivate: false);

        for (var i = 0; i < 3; i++) await rooms.OpenDirectAsync(busy.Id, (await Host.CreateUserAsync($"friend{i}")).Id);

        (await Host.Rooms.ListMineAsync(busy.Id)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task The_room_limit_per_person_holds_across_hours()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var rooms = WithClock(clock, new RoomLimits { RoomsPerUser = 3 });
        var busy = await Host.CreateUserAsync("busy");
        for (var i = 0; i < 3; i++)
        {
            await rooms.CreateChannelAsync(busy.Id, $"Room {i}", null, isPrivate: false);
            clock.Advance(TimeSpan.FromHours(2));
        }

        var refused = await Should.ThrowAsync<ChatLimitException>(() => rooms.CreateChannelAsync(busy.Id, "Fourth", null, isPrivate: false));

        refused.Message.ShouldContain("3 rooms");
        (await RoomsCreatedByAsync(Host, busy.Id)).ShouldBe(3);
    }

    [Fact]
    public void The_default_limits_are_those_of_the_product()
    {
        var limits = new RoomLimits();

        (limits.GroupMessageMembers, limits.RoomsPerUser, limits.RoomsPerHour).ShouldBe((300, 100, 5));
        Host.Services.GetRequiredService<IOptions<RoomLimits>>().Value.RoomsPerHour.ShouldBe(5);
    }
}
