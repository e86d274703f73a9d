using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>Moderators and up remove members below them; the removal is audited and the removed member loses the room at once.</summary>
public sealed class RemovingMembers(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData(RoomRole.Moderator, RoomRole.Member)]
    [InlineData(RoomRole.Admin, RoomRole.Moderator)]
    [InlineData(RoomRole.Admin, RoomRole.Member)]
    [InlineData(RoomRole.Owner, RoomRole.Admin)]
    public async Task A_moderator_or_higher_removes_a_member_with_a_lower_role_and_it_is_audited(RoomRole actor, RoomRole target)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var removed = cast.As(target);

        await cast.Rooms.RemoveMemberAsync(cast.As(actor).Id, cast.Room.Id, removed.Id);

        (await cast.Rooms.ListMembersAsync(cast.Owner.Id, cast.Room.Id)).Select(m => m.UserId).ShouldNotContain(removed.Id);
        (await cast.Rooms.ListMembersAsync(cast.Owner.Id, cast.Room.Id)).Count.ShouldBe(3);
        var entry = (await RoomState.AuditOfAsync(Host, cast.Room.Id)).Last();
        entry.Action.ShouldBe("member.remove");
        entry.ActorId.ShouldBe(cast.As(actor).Id);
        entry.Target.ShouldBe($"user:{removed.Id}");
    }

    [Theory]
    [InlineData(RoomRole.Member, RoomRole.Member)]
    [InlineData(RoomRole.Member, RoomRole.Moderator)]
    [InlineData(RoomRole.Moderator, RoomRole.Moderator)]
    [InlineData(RoomRole.Moderator, RoomRole.Admin)]
    [InlineData(RoomRole.Admin, RoomRole.Admin)]
    [InlineData(RoomRole.Admin, RoomRole.Owner)]
    public async Task Nobody_removes_someone_with_the_same_or_a_higher_role_and_nothing_changes(RoomRole actor, RoomRole target)
    {
        var cast = await RoomCast.CreateAsync(Host);
        // A second admin, so that "the same role" is someone else.
        var secondAdmin = await Host.CreateUserAsync("admin2");
        await cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [secondAdmin.Id]);
        await cast.Rooms.ChangeRoleAsync(cast.Owner.Id, cast.Room.Id, secondAdmin.Id, RoomRole.Admin);
        var secondModerator = await Host.CreateUserAsync("mod2");
        await cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [secondModerator.Id]);
        await cast.Rooms.ChangeRoleAsync(cast.Owner.Id, cast.Room.Id, secondModerator.Id, RoomRole.Moderator);
        var secondMember = await Host.CreateUserAsync("member2");
        await cast.Rooms.InviteAsync(cast.Owner.Id, cast.Room.Id, [secondMember.Id]);
        var targetId = (actor, target) switch
        {
            (RoomRole.Admin, RoomRole.Admin) => secondAdmin.Id,
            (RoomRole.Moderator, RoomRole.Moderator) => secondModerator.Id,
            (RoomRole.Member, RoomRole.Member) => secondMember.Id,
            _ => cast.As(target).Id,
        };
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.RemoveMemberAsync(cast.As(actor).Id, cast.Room.Id, targetId));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Nobody_removes_themselves_they_leave_instead()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.RemoveMemberAsync(cast.Admin.Id, cast.Room.Id, cast.Admin.Id));

        refused.Message.ShouldContain("yourself");
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_outsider_is_refused_and_a_private_room_looks_missing_to_them()
    {
        var open = await RoomCast.CreateAsync(Host);
        var closed = await RoomCast.CreateAsync(Host, isPrivate: true);
        var openBefore = await open.StateAsync();
        var closedBefore = await closed.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => open.Rooms.RemoveMemberAsync(open.Outsider.Id, open.Room.Id, open.Member.Id));
        await Should.ThrowAsync<ChatNotFoundException>(() => closed.Rooms.RemoveMemberAsync(closed.Outsider.Id, closed.Room.Id, closed.Member.Id));

        (await open.StateAsync()).ShouldBe(openBefore);
        (await closed.StateAsync()).ShouldBe(closedBefore);
    }

    [Fact]
    public async Task Removing_someone_who_is_not_a_member_says_so_and_changes_nothing()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.RemoveMemberAsync(cast.Owner.Id, cast.Room.Id, cast.Outsider.Id));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Nobody_is_removed_from_an_archived_room()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: true);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.RemoveMemberAsync(cast.Owner.Id, cast.Room.Id, cast.Member.Id));

        refused.Message.ShouldContain("archived");
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_removed_member_of_a_private_room_can_no_longer_find_read_or_post_in_it()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);
        await Host.Messages.SendAsync(cast.Owner.Id, cast.Room.Id, Guid.NewGuid(), "before");

        await cast.Rooms.RemoveMemberAsync(cast.Moderator.Id, cast.Room.Id, cast.Member.Id);

        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.OpenAsync(cast.Member.Id, cast.Room.Slug));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.GetLatestAsync(cast.Member.Id, cast.Room.Id));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.SendAsync(cast.Member.Id, cast.Room.Id, Guid.NewGuid(), "still here?"));
        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.InviteAsync(cast.Member.Id, cast.Room.Id, [cast.Outsider.Id]));
        (await cast.Rooms.ListMineAsync(cast.Member.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_removed_member_of_a_public_room_may_read_it_but_not_post_or_manage()
    {
        var cast = await RoomCast.CreateAsync(Host);

        await cast.Rooms.RemoveMemberAsync(cast.Owner.Id, cast.Room.Id, cast.Moderator.Id);

        (await cast.Rooms.OpenAsync(cast.Moderator.Id, cast.Room.Slug)).IsMember.ShouldBeFalse();
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Messages.SendAsync(cast.Moderator.Id, cast.Room.Id, Guid.NewGuid(), "hello?"));
        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.RemoveMemberAsync(cast.Moderator.Id, cast.Room.Id, cast.Member.Id));
    }

    [Fact]
    public async Task The_removed_member_hears_of_it_on_their_own_topic_and_the_room_on_its_topic()
    {
        var cast = await RoomCast.CreateAsync(Host);
        using var events = new EventRecorder(Host, Topics.User(cast.Member.Id), Topics.Room(cast.Room.Id));

        await cast.Rooms.RemoveMemberAsync(cast.Moderator.Id, cast.Room.Id, cast.Member.Id);

        events.Of<RoomLeft>().ShouldHaveSingleItem().ShouldBe(new RoomLeft(cast.Member.Id, cast.Room.Id, RoomLeftReason.Removed));
        var changed = events.Of<RoomMembersChanged>().ShouldHaveSingleItem();
        changed.Change.ShouldBe(MemberChange.Removed);
        changed.Member.UserId.ShouldBe(cast.Member.Id);
        changed.Member.Username.ShouldBe(cast.Member.UserName);
    }
}
