using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Loads a message for an operation on it, after <see cref="RoomAccess"/> has said the caller may read its room.</summary>
internal static class MessageAccess
{
    /// <summary>
    /// The message (tracked, ready to change), its room and the caller's membership. A message in
    /// a room the caller may not read is reported missing, exactly like one that does not exist.
    /// </summary>
    public static async Task<(Message Message, Room Room, RoomMember? Membership)> RequireReadableAsync(
        ChatDbContext db, Guid messageId, Guid userId, CancellationToken ct)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == messageId, ct)
            ?? throw new ChatNotFoundException("message");
        try
        {
            var (room, membership) = await RoomAccess.RequireReadableAsync(db, message.RoomId, userId, ct);
            return (message, room, membership);
        }
        catch (ChatNotFoundException)
        {
            throw new ChatNotFoundException("message");
        }
    }

    /// <summary>Throws <see cref="ChatForbiddenException"/> with <paramref name="refusal"/> unless it is null.</summary>
    public static void Allow(string? refusal)
    {
        if (refusal is not null) throw new ChatForbiddenException(refusal);
    }
}
