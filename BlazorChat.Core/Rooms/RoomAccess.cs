using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Rooms;

/// <summary>Things a member may or may not do in a room, depending on the room and their role.</summary>
public enum RoomAction
{
    Invite,
    RemoveMember,
    ChangeRole,
    TransferOwnership,
    EditSettings,
    Archive,
    Delete,
    Leave,
}

/// <summary>The one place that decides who may read, post and manage a room.</summary>
internal static class RoomAccess
{
    /// <summary>
    /// Loads the room if <paramref name="userId"/> may read it: members always, anyone for a public
    /// channel. Private rooms look exactly like missing rooms to outsiders.
    /// </summary>
    public static async Task<(Room Room, RoomMember? Membership)> RequireReadableAsync(
        ChatDbContext db, Guid roomId, Guid userId, CancellationToken ct)
    {
        // One query: the room with the caller's membership, if any (every history page asks this).
        var found = await (
            from r in db.Rooms.AsNoTracking().Where(r => r.Id == roomId)
            from m in db.RoomMembers.AsNoTracking().Where(m => m.RoomId == r.Id && m.UserId == userId).DefaultIfEmpty()
            select new { Room = r, Membership = m }).FirstOrDefaultAsync(ct);
        if (found is null) throw new ChatNotFoundException("room");
        EnsureReadable(found.Room, found.Membership);
        return (found.Room, found.Membership);
    }

    /// <summary>The rule of <see cref="RequireReadableAsync"/> for a room and membership already loaded.</summary>
    public static void EnsureReadable(Room room, RoomMember? membership)
    {
        if (membership is null && room.Kind != RoomKind.PublicChannel) throw new ChatNotFoundException("room");
    }

    /// <summary>
    /// Every room <paramref name="userId"/> may read, by the rule of <see cref="RequireReadableAsync"/>:
    /// the rooms they are a member of, of any kind, and all public channels. For reading across
    /// rooms at once (search).
    /// </summary>
    public static IQueryable<Room> ReadableRooms(ChatDbContext db, Guid userId) =>
        db.Rooms.AsNoTracking().Where(r => r.Kind == RoomKind.PublicChannel || db.RoomMembers.Any(m => m.RoomId == r.Id && m.UserId == userId));

    /// <summary>
    /// Loads the room and the caller's membership, refusing anyone who is not a member. Private
    /// rooms look missing to outsiders; public ones ask them to join.
    /// </summary>
    public static async Task<(Room Room, RoomMember Membership)> RequireMemberAsync(
        ChatDbContext db, Guid roomId, Guid userId, CancellationToken ct)
    {
        var (room, membership) = await RequireReadableAsync(db, roomId, userId, ct);
        return membership is null
            ? throw new ChatForbiddenException("Join the room first.")
            : (room, membership);
    }

    /// <summary>
    /// Like <see cref="RequireMemberAsync"/>, but a site administrator who is not the room's owner
    /// acts with the owner's powers (an unsaved membership), so <c>/admin</c> can edit, archive,
    /// delete and hand over any room through the same write path and rule table.
    /// </summary>
    public static async Task<(Room Room, RoomMember Membership)> RequireManagerAsync(
        ChatDbContext db, Guid roomId, Guid userId, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct) ?? throw new ChatNotFoundException("room");
        var membership = await db.RoomMembers.AsNoTracking().SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
        if (membership is { Role: RoomRole.Owner }) return (room, membership);
        if (await IsSiteAdministratorAsync(db, userId, ct))
            return (room, new RoomMember { RoomId = roomId, UserId = userId, Role = RoomRole.Owner, LastReadSeq = membership?.LastReadSeq ?? 0 });
        return await RequireMemberAsync(db, roomId, userId, ct);
    }

    public static async Task<bool> IsSiteAdministratorAsync(ChatDbContext db, Guid userId, CancellationToken ct) =>
        await Moderation.SiteAccess.RoleOfAsync(db, userId, ct) == Moderation.SiteRole.Administrator;

    /// <summary>Refuses unless <paramref name="membership"/> has at least <paramref name="role"/>.</summary>
    public static void EnsureRole(RoomMember membership, RoomRole role, string whatFor)
    {
        if (membership.Role < role)
            throw new ChatForbiddenException($"Only room {RoleName(role)}s and up can {whatFor}.");
    }

    /// <summary>Refuses changes to an archived room.</summary>
    public static void EnsureNotArchived(Room room)
    {
        if (room.IsArchived) throw new ChatForbiddenException(ArchivedRefusal);
    }

    public static string RoleName(RoomRole role) => role switch
    {
        RoomRole.Owner => "owner",
        RoomRole.Admin => "admin",
        RoomRole.Moderator => "moderator",
        _ => "member",
    };

    /// <summary>Checks that <paramref name="membership"/> allows posting in <paramref name="room"/>.</summary>
    public static void EnsureCanPost(Room room, RoomMember? membership)
    {
        if (PostRefusal(room.IsArchived, room.PostingPolicy, membership?.Role) is { } refusal)
            throw new ChatForbiddenException(refusal);
    }

    /// <summary>Why someone with <paramref name="role"/> (null: not a member) may not post, or null when they may.</summary>
    public static string? PostRefusal(bool isArchived, PostingPolicy policy, RoomRole? role)
    {
        if (role is null) return "Join the room to send messages.";
        if (isArchived) return "This room is archived; it can be read but not written to.";
        if (policy == PostingPolicy.ModeratorsOnly && role < RoomRole.Moderator) return "Only moderators may post in this room.";
        return null;
    }

    /// <summary>
    /// Why someone with <paramref name="role"/> (null: not a member) may not do <paramref name="action"/>
    /// in a room of this kind and state, or null when they may. Services throw it; views use it to
    /// show only the actions a viewer can take.
    /// </summary>
    public static string? Refusal(RoomAction action, RoomKind kind, bool isArchived, RoomRole? role)
    {
        if (role is not { } r) return "Join the room first.";
        var direct = kind == RoomKind.DirectMessage;
        return action switch
        {
            RoomAction.Invite when direct => "A direct message is between two people; start a group message to include more.",
            RoomAction.Invite when isArchived => "This room is archived; nobody can be added to it.",
            RoomAction.Invite when kind == RoomKind.PrivateChannel && r < RoomRole.Moderator =>
                "Only room moderators and up can invite people to a private channel.",
            RoomAction.RemoveMember when direct => "Nobody can be removed from a direct message.",
            RoomAction.RemoveMember when isArchived => ArchivedRefusal,
            RoomAction.RemoveMember when r < RoomRole.Moderator => "Only room moderators and up can remove members.",
            RoomAction.ChangeRole when direct => "A direct message has no roles.",
            RoomAction.ChangeRole when isArchived => ArchivedRefusal,
            RoomAction.ChangeRole when r < RoomRole.Admin => "Only room admins and up can change roles.",
            RoomAction.TransferOwnership when direct => "A direct message has no owner.",
            RoomAction.TransferOwnership when isArchived => ArchivedRefusal,
            RoomAction.TransferOwnership when r < RoomRole.Owner => "Only the room owner can transfer ownership.",
            RoomAction.EditSettings when direct => "A direct message has no settings.",
            RoomAction.EditSettings when isArchived => "This room is archived; unarchive it to change its settings.",
            RoomAction.EditSettings when r < RoomRole.Admin => "Only room admins and up can change the room settings.",
            RoomAction.Archive when direct => "A direct message cannot be archived.",
            RoomAction.Archive when r < RoomRole.Admin => "Only room admins and up can archive or unarchive the room.",
            RoomAction.Delete when direct => "A direct message cannot be deleted.",
            RoomAction.Delete when r < RoomRole.Owner => "Only the room owner can delete the room.",
            RoomAction.Leave when direct => "A direct message cannot be left.",
            _ => null,
        };
    }

    private const string ArchivedRefusal = "This room is archived; it can be read but not changed.";

    /// <summary>Refuses unless <paramref name="membership"/> allows <paramref name="action"/> in <paramref name="room"/>.</summary>
    public static void Ensure(RoomAction action, Room room, RoomMember membership)
    {
        if (Refusal(action, room.Kind, room.IsArchived, membership.Role) is { } refusal)
            throw new ChatForbiddenException(refusal);
    }

    /// <summary>Refuses unless <paramref name="actor"/> has a higher role than <paramref name="target"/>.</summary>
    public static void EnsureOutranks(RoomMember actor, RoomMember target, string whatFor)
    {
        if (actor.UserId == target.UserId) throw new ChatForbiddenException($"You cannot {whatFor} yourself.");
        if (actor.Role <= target.Role)
            throw new ChatForbiddenException($"You can only {whatFor} members whose role is below yours.");
    }
}
