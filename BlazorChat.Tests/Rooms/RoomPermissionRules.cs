using BlazorChat.Core.Rooms;

namespace BlazorChat.Tests.Rooms;

/// <summary>
/// The rule table a room view shows actions by (the services apply the same rules; the other
/// classes in this folder prove that they do).
/// </summary>
public sealed class RoomPermissionRules
{
    private static RoomView View(RoomKind kind, RoomRole? role, bool archived = false, PostingPolicy policy = PostingPolicy.Everyone) =>
        new(Guid.NewGuid(), "room", "Room", "", kind, archived, 0, role, 0, policy);

    public static TheoryData<RoomAction, RoomRole> LowestRoleInAChannel => new()
    {
        { RoomAction.RemoveMember, RoomRole.Moderator },
        { RoomAction.ChangeRole, RoomRole.Admin },
        { RoomAction.TransferOwnership, RoomRole.Owner },
        { RoomAction.EditSettings, RoomRole.Admin },
        { RoomAction.Archive, RoomRole.Admin },
        { RoomAction.Delete, RoomRole.Owner },
        { RoomAction.Leave, RoomRole.Member },
    };

    [Theory]
    [MemberData(nameof(LowestRoleInAChannel))]
    public void In_a_channel_each_action_needs_its_role_or_higher(RoomAction action, RoomRole lowest)
    {
        foreach (var kind in new[] { RoomKind.PublicChannel, RoomKind.PrivateChannel, RoomKind.GroupMessage })
        foreach (var role in Enum.GetValues<RoomRole>())
            View(kind, role).Can(action).ShouldBe(role >= lowest, $"{role} may {action} in a {kind}");
    }

    [Fact]
    public void Any_member_may_add_people_to_a_public_channel_or_a_group_but_only_moderators_and_up_to_a_private_one()
    {
        foreach (var role in Enum.GetValues<RoomRole>())
        {
            View(RoomKind.PublicChannel, role).Can(RoomAction.Invite).ShouldBeTrue();
            View(RoomKind.GroupMessage, role).Can(RoomAction.Invite).ShouldBeTrue();
            View(RoomKind.PrivateChannel, role).Can(RoomAction.Invite).ShouldBe(role >= RoomRole.Moderator);
        }
    }

    [Fact]
    public void A_non_member_may_do_nothing()
    {
        foreach (var kind in Enum.GetValues<RoomKind>())
        foreach (var action in Enum.GetValues<RoomAction>())
            View(kind, role: null).Can(action).ShouldBeFalse($"{action} in a {kind}");
    }

    [Fact]
    public void In_a_direct_message_nobody_may_add_remove_re_role_configure_archive_delete_or_leave()
    {
        foreach (var role in Enum.GetValues<RoomRole>())
        foreach (var action in Enum.GetValues<RoomAction>())
            View(RoomKind.DirectMessage, role).Can(action).ShouldBeFalse($"{role} may {action}");
    }

    [Fact]
    public void An_archived_room_can_only_be_unarchived_deleted_or_left()
    {
        var owner = View(RoomKind.PublicChannel, RoomRole.Owner, archived: true);

        Enum.GetValues<RoomAction>().Where(owner.Can)
            .ShouldBe([RoomAction.Archive, RoomAction.Delete, RoomAction.Leave], ignoreOrder: true);
        owner.PostRefusal.ShouldNotBeNull().ShouldContain("archived");
    }

    [Fact]
    public void In_a_moderators_only_room_members_may_not_post_and_moderators_may()
    {
        View(RoomKind.PublicChannel, RoomRole.Member, policy: PostingPolicy.ModeratorsOnly).PostRefusal.ShouldNotBeNull();
        View(RoomKind.PublicChannel, RoomRole.Moderator, policy: PostingPolicy.ModeratorsOnly).PostRefusal.ShouldBeNull();
        View(RoomKind.PublicChannel, RoomRole.Member).PostRefusal.ShouldBeNull();
        View(RoomKind.PublicChannel, role: null).PostRefusal.ShouldNotBeNull();
    }

    [Fact]
    public void Only_a_higher_role_outranks()
    {
        var admin = View(RoomKind.PublicChannel, RoomRole.Admin);

        admin.Outranks(RoomRole.Moderator).ShouldBeTrue();
        admin.Outranks(RoomRole.Admin).ShouldBeFalse();
        admin.Outranks(RoomRole.Owner).ShouldBeFalse();
        View(RoomKind.PublicChannel, role: null).Outranks(RoomRole.Member).ShouldBeFalse();
    }
}
