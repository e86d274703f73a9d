using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Rooms;

/// <summary>The one place that decides who may read and who may post in a room.</summary>
internal static class RoomAccess
{
    /// <summary>
    /// Loads the room if <paramref name="userId"/> may read it: members always, anyone for a public
    /// channel. Private rooms look exactly like missing rooms to outsiders.
    /// </summary>
    public static async Task<(Room Room, RoomMember? Membership)> RequireReadableAsync(
        ChatDbContext db, Guid roomId, Guid userId, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId, ct);
        if (room is null) throw new ChatNotFoundException("room");
        var membership = await db.RoomMembers.AsNoTracking()
            .SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
        if (membership is null && room.Kind != RoomKind.PublicChannel) throw new ChatNotFoundException("room");
        return (room, membership);
    }

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

    /// <summary>Refuses unless <paramref name="membership"/> has at least <paramref name="role"/>.</summary>
    public static void EnsureRole(RoomMember membership, RoomRole role, string whatFor)
    {
        if (membership.Role < role)
            throw new ChatForbiddenException($"Only room {RoleName(role)}s and up can {whatFor}.");
    }

    /// <summary>Refuses changes to an archived room.</summary>
    public static void EnsureNotArchived(Room room)
    {
        if (room.IsArchived) throw new ChatForbiddenException("This room is archived; it can be read but not changed.");
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
        if (membership is null) throw new ChatForbiddenException("Join the room to send messages.");
        if (room.IsArchived) throw new ChatForbiddenException("This room is archived; it can be read but not written to.");
        if (room.PostingPolicy == PostingPolicy.ModeratorsOnly && membership.Role < RoomRole.Moderator)
            throw new ChatForbiddenException("Only moderators may post in this room.");
    }
}
