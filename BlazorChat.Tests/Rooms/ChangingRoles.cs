using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>Admins and up give members below them roles below their own; only the owner makes admins; every change is audited.</summary>
public sealed class ChangingRoles(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private static async Task<RoomRole> RoleOfAsync(RoomCast cast, Guid userId) =>
        (await cast.Rooms.ListMembersAsync(cast.Owner.Id, cast.Room.Id)).Single(m => m.UserId == userId).Role;

    [Theory]
    [InlineData(RoomRole.Admin, RoomRole.Member, RoomRole.Moderator)]
    [InlineData(RoomRole.Admin, RoomRole.Moderator, RoomRole.Member)]
    [InlineData(RoomRole.Owner, RoomRole.Member, RoomRole.Admin)]
    [InlineData(RoomRole.Owner, RoomRole.Admin, RoomRole.Member)]
    public async Task An_admin_or_the_owner_changes_a_lower_role_to_one_below_their_own_and_it_is_audited(RoomRole actor, RoomRole target, RoomRole to)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var person = cast.As(target);

        var changed = await cast.Rooms.ChangeRoleAsync(cast.As(actor).Id, cast.Room.Id, person.Id, to);

        changed.Role.ShouldBe(to);
        (await RoleOfAsync(cast, person.Id)).ShouldBe(to);
        var entry = (await RoomState.AuditOfAsync(Host, cast.Room.Id)).Last();
        entry.Action.ShouldBe("member.role");
        entry.ActorId.ShouldBe(cast.As(actor).Id);
        entry.Target.ShouldBe($"user:{person.Id}");
        entry.Reason.ShouldBe($"{RoleWord(target)} → {RoleWord(to)}");
    }

    private static string RoleWord(RoomRole role) => role.ToString().ToLowerInvariant();

    [Theory]
    [InlineData(RoomRole.Member, RoomRole.Member, RoomRole.Moderator)]
    [InlineData(RoomRole.Moderator, RoomRole.Member, RoomRole.Moderator)]
    [InlineData(RoomRole.Admin, RoomRole.Member, RoomRole.Admin)]
    [InlineData(RoomRole.Admin, RoomRole.Owner, RoomRole.Member)]
    [InlineData(RoomRole.Admin, RoomRole.Admin, RoomRole.Member)]
    [InlineData(RoomRole.Moderator, RoomRole.Admin, RoomRole.Member)]
    [InlineData(RoomRole.Member, RoomRole.Owner, RoomRole.Member)]
    public async Task Other_role_changes_are_refused_and_nothing_changes(RoomRole actor, RoomRole target, RoomRole to)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.ChangeRoleAsync(cast.As(actor).Id, cast.Room.Id, cast.As(target).Id, to));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Nobody_is_made_owner_by_a_role_change()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            cast.Rooms.ChangeRoleAsync(cast.Owner.Id, cast.Room.Id, cast.Admin.Id, RoomRole.Owner));

        refused.Message.ShouldContain("Transfer ownership");
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_outsider_and_a_non_member_target_are_refused()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.ChangeRoleAsync(cast.Outsider.Id, cast.Room.Id, cast.Member.Id, RoomRole.Moderator));
        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.ChangeRoleAsync(cast.Owner.Id, cast.Room.Id, cast.Outsider.Id, RoomRole.Moderator));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Roles_do_not_change_in_an_archived_room()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.ChangeRoleAsync(cast.Owner.Id, cast.Room.Id, cast.Member.Id, RoomRole.Moderator));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Giving_the_role_someone_has_already_changes_and_audits_nothing()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        (await cast.Rooms.ChangeRoleAsync(cast.Owner.Id, cast.Room.Id, cast.Moderator.Id, RoomRole.Moderator)).Role.ShouldBe(RoomRole.Moderator);

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_room_hears_of_a_role_change_with_the_new_role()
    {
        var cast = await RoomCast.CreateAsync(Host);
        using var events = new EventRecorder(Host, Topics.Room(cast.Room.Id));

        await cast.Rooms.ChangeRoleAsync(cast.Admin.Id, cast.Room.Id, cast.Member.Id, RoomRole.Moderator);

        var changed = events.Of<RoomMembersChanged>().ShouldHaveSingleItem();
        changed.Change.ShouldBe(MemberChange.RoleChanged);
        changed.Member.ShouldBe(new RoomMemberView(cast.Member.Id, cast.Member.UserName!, cast.Member.DisplayName, RoomRole.Moderator));
    }
}
