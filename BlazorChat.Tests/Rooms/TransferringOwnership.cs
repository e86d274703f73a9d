using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>The owner hands the room to another member and stays on as an admin; nobody else can.</summary>
public sealed class TransferringOwnership(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task The_new_owner_owns_the_room_the_previous_owner_becomes_admin_and_it_is_audited()
    {
        var cast = await RoomCast.CreateAsync(Host);
        using var events = new EventRecorder(Host, Topics.Room(cast.Room.Id));

        await cast.Rooms.TransferOwnershipAsync(cast.Owner.Id, cast.Room.Id, cast.Member.Id);

        var roles = (await cast.Rooms.ListMembersAsync(cast.Owner.Id, cast.Room.Id)).ToDictionary(m => m.UserId, m => m.Role);
        roles[cast.Member.Id].ShouldBe(RoomRole.Owner);
        roles[cast.Owner.Id].ShouldBe(RoomRole.Admin);
        roles.Values.Count(r => r == RoomRole.Owner).ShouldBe(1);
        var entry = (await RoomState.AuditOfAsync(Host, cast.Room.Id)).Last();
        (entry.Action, entry.ActorId, entry.Target).ShouldBe(("room.transfer", cast.Owner.Id, $"user:{cast.Member.Id}"));
        events.Of<RoomMembersChanged>().Select(e => (e.Member.UserId, e.Member.Role))
            .ShouldBe([(cast.Member.Id, RoomRole.Owner), (cast.Owner.Id, RoomRole.Admin)]);
    }

    [Fact]
    public async Task After_handing_over_the_previous_owner_may_leave_and_the_new_owner_may_delete()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.TransferOwnershipAsync(cast.Owner.Id, cast.Room.Id, cast.Admin.Id);

        await cast.Rooms.LeaveAsync(cast.Owner.Id, cast.Room.Id);
        await cast.Rooms.DeleteAsync(cast.Admin.Id, cast.Room.Id);

        (await cast.StateAsync()).ShouldBe("gone");
    }

    [Theory]
    [InlineData(RoomRole.Admin)]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Member)]
    public async Task Nobody_but_the_owner_transfers_ownership(RoomRole actor)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.TransferOwnershipAsync(cast.As(actor).Id, cast.Room.Id, cast.As(actor).Id));
        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.TransferOwnershipAsync(cast.As(actor).Id, cast.Room.Id, cast.Member.Id));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Ownership_goes_only_to_another_member_of_a_room_that_is_not_archived()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.TransferOwnershipAsync(cast.Owner.Id, cast.Room.Id, cast.Outsider.Id));
        await Should.ThrowAsync<ChatValidationException>(() => cast.Rooms.TransferOwnershipAsync(cast.Owner.Id, cast.Room.Id, cast.Owner.Id));
        (await cast.StateAsync()).ShouldBe(before);

        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: true);
        var archived = await cast.StateAsync();
        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.TransferOwnershipAsync(cast.Owner.Id, cast.Room.Id, cast.Admin.Id));
        (await cast.StateAsync()).ShouldBe(archived);
    }
}
