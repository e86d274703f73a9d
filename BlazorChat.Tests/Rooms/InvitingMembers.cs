using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>
/// Adding people: any member of a public channel, moderators and up of a private one; never to an
/// archived room or past the member limit. The people added see the room at once.
/// </summary>
public sealed class InvitingMembers(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData(RoomRole.Member)]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Owner)]
    public async Task Any_member_adds_people_to_a_public_channel_as_members(RoomRole actor)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var guest = await Host.CreateUserAsync("guest");

        var added = await cast.Rooms.InviteAsync(cast.As(actor).Id, cast.Room.Id, [guest.Id]);

        added.ShouldHaveSingleItem().ShouldBe(new RoomMemberView(guest.Id, guest.UserName!, guest.DisplayName, RoomRole.Member));
        (await cast.Rooms.ListMineAsync(guest.Id)).ShouldHaveSingleItem().Id.ShouldBe(cast.Room.Id);
    }

    [Theory]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Admin)]
    [InlineData(RoomRole.Owner)]
    public async Task Moderators_and_up_add_people_to_a_private_channel_who_can_then_find_it(RoomRole actor)
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);

        await cast.Rooms.InviteAsync(cast.As(actor).Id, cast.Room.Id, [cast.Outsider.Id]);

        (await cast.Rooms.OpenAsync(cast.Outsider.Id, cast.Room.Slug)).ViewerRole.ShouldBe(RoomRole.Member);
    }

    [Fact]
    public async Task A_plain_member_of_a_private_channel_cannot_add_people_and_nothing_changes()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.InviteAsync(cast.Member.Id, cast.Room.Id, [cast.Outsider.Id]));

        refused.Message.ShouldContain("moderators");
        (await cast.StateAsync()).ShouldBe(before);
        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.OpenAsync(cast.Outsider.Id, cast.Room.Slug));
    }

    [Fact]
    public async Task Outsiders_cannot_add_people_and_a_private_channel_looks_missing_to_them()
    {
        var open = await RoomCast.CreateAsync(Host);
        var closed = await RoomCast.CreateAsync(Host, isPrivate: true);
        var guest = await Host.CreateUserAsync("guest");
        var openBefore = await open.StateAsync();
        var closedBefore = await closed.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => open.Rooms.InviteAsync(open.Outsider.Id, open.Room.Id, [guest.Id]));
        await Should.ThrowAsync<ChatNotFoundException>(() => closed.Rooms.InviteAsync(closed.Outsider.Id, closed.Room.Id, [guest.Id]));

        (await open.StateAsync()).ShouldBe(openBefore);
        (await closed.StateAsync()).ShouldBe(closedBefore);
    }

    [Fact]
    public async Task Nobody_is_added_to_an_archived_room()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: true);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [cast.Outsider.Id]));

        refused.Message.ShouldContain("archived");
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_member_limit_refuses_everyone_of_an_invitation_that_does_not_fit()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.UpdateSettingsAsync(cast.Owner.Id, cast.Room.Id, new RoomSettings("Cast", null, PostingPolicy.Everyone, MemberLimit: 5));
        var first = await Host.CreateUserAsync("first");
        var second = await Host.CreateUserAsync("second");
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatLimitException>(() => cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [first.Id, second.Id]));

        refused.Message.ShouldContain("5");
        (await cast.StateAsync()).ShouldBe(before);
        await cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [first.Id]);
        var full = await Should.ThrowAsync<ChatLimitException>(() => cast.Rooms.JoinAsync(second.Id, cast.Room.Id));
        full.Message.ShouldContain("full");
    }

    [Fact]
    public async Task People_already_in_the_room_are_skipped_and_unknown_people_refused()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        (await cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [cast.Member.Id, cast.Admin.Id])).ShouldBeEmpty();
        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [cast.Outsider.Id, Guid.NewGuid()]));
        await Should.ThrowAsync<ChatValidationException>(() => cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, []));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_people_added_get_the_room_in_their_sidebar_and_the_room_hears_of_them()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);
        using var events = new EventRecorder(Host, Topics.User(cast.Outsider.Id), Topics.Room(cast.Room.Id));

        await cast.Rooms.InviteAsync(cast.Moderator.Id, cast.Room.Id, [cast.Outsider.Id]);

        var joined = events.Of<RoomJoined>().ShouldHaveSingleItem();
        (joined.UserId, joined.Room.Id, joined.Room.Name, joined.Room.Kind).ShouldBe((cast.Outsider.Id, cast.Room.Id, "Cast", RoomKind.PrivateChannel));
        var changed = events.Of<RoomMembersChanged>().ShouldHaveSingleItem();
        (changed.Change, changed.Member.UserId).ShouldBe((MemberChange.Added, cast.Outsider.Id));
    }
}
