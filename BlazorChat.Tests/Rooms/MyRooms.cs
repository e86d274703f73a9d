using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>A person's sidebar lists exactly the rooms they belong to.</summary>
public sealed class MyRooms(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task ListMine_lists_only_the_rooms_the_user_belongs_to_by_name()
    {
        var me = await Host.CreateUserAsync("me");
        var owned = await Host.Rooms.CreateChannelAsync(me.Id, "Mine b", null, isPrivate: true);
        var (joined, _) = await Host.CreateChannelAsync("Mine a");
        await Host.Rooms.JoinAsync(me.Id, joined.Id);
        await Host.CreateChannelAsync("Not mine public");
        await Host.CreateChannelAsync("Not mine private", isPrivate: true);

        var mine = await Host.Rooms.ListMineAsync(me.Id);

        mine.Select(r => r.Name).ShouldBe(["Mine a", "Mine b"]);
        mine.Select(r => r.Id).ShouldBe([joined.Id, owned.Id]);
    }

    [Fact]
    public async Task ListMine_counts_unread_messages_of_others()
    {
        var (room, owner) = await Host.CreateChannelAsync("Unread counting");
        var me = await Host.CreateUserAsync("me");
        await Host.Rooms.JoinAsync(me.Id, room.Id);
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "one");
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "two");

        (await Host.Rooms.ListMineAsync(me.Id)).ShouldHaveSingleItem().UnreadCount.ShouldBe(2);
        (await Host.Rooms.ListMineAsync(owner.Id)).ShouldHaveSingleItem().UnreadCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_new_user_has_no_rooms()
    {
        var me = await Host.CreateUserAsync("me");

        (await Host.Rooms.ListMineAsync(me.Id)).ShouldBeEmpty();
    }
}
