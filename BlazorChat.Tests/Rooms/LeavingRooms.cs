using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>Members leave when they like; the owner hands the room over first unless they are the last one.</summary>
public sealed class LeavingRooms(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData(RoomRole.Member)]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Admin)]
    public async Task A_member_leaves_and_every_tab_of_theirs_hears_of_it(RoomRole role)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var leaver = cast.As(role);
        using var events = new EventRecorder(Host, Topics.User(leaver.Id), Topics.Room(cast.Room.Id));

        await cast.Rooms.LeaveAsync(leaver.Id, cast.Room.Id);

        (await cast.Rooms.ListMineAsync(leaver.Id)).ShouldBeEmpty();
        (await cast.Rooms.ListMembersAsync(cast.Owner.Id, cast.Room.Id)).Select(m => m.UserId).ShouldNotContain(leaver.Id);
        events.Of<RoomLeft>().ShouldHaveSingleItem().ShouldBe(new RoomLeft(leaver.Id, cast.Room.Id, RoomLeftReason.Left));
        events.Of<RoomMembersChanged>().ShouldHaveSingleItem().Change.ShouldBe(MemberChange.Left);
    }

    [Fact]
    public async Task The_owner_cannot_leave_while_others_remain()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.LeaveAsync(cast.Owner.Id, cast.Room.Id));

        refused.Message.ShouldContain("Transfer ownership");
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_owner_who_is_the_last_member_may_leave()
    {
        var owner = await Host.CreateUserAsync("owner");
        var room = await Host.Rooms.CreateChannelAsync(owner.Id, "Alone", null, isPrivate: false);

        await Host.Rooms.LeaveAsync(owner.Id, room.Id);

        (await Host.Rooms.ListMineAsync(owner.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_outsider_cannot_leave_and_a_private_room_looks_missing()
    {
        var open = await RoomCast.CreateAsync(Host);
        var closed = await RoomCast.CreateAsync(Host, isPrivate: true);

        await Should.ThrowAsync<ChatForbiddenException>(() => open.Rooms.LeaveAsync(open.Outsider.Id, open.Room.Id));
        await Should.ThrowAsync<ChatNotFoundException>(() => closed.Rooms.LeaveAsync(closed.Outsider.Id, closed.Room.Id));
    }

    [Fact]
    public async Task Leaving_a_private_room_makes_it_disappear_for_the_leaver()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);

        await cast.Rooms.LeaveAsync(cast.Member.Id, cast.Room.Id);

        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.OpenAsync(cast.Member.Id, cast.Room.Slug));
        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.LeaveAsync(cast.Member.Id, cast.Room.Id));
    }

    [Fact]
    public async Task An_archived_room_can_still_be_left()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: true);

        await cast.Rooms.LeaveAsync(cast.Member.Id, cast.Room.Id);

        (await cast.Rooms.ListMineAsync(cast.Member.Id)).ShouldBeEmpty();
    }
}
