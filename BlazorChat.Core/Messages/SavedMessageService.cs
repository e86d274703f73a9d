using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Saved messages: anyone who can read a message keeps it in their own list for later.</summary>
public sealed class SavedMessageService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    MarkdownRenderer markdown,
    TimeProvider clock)
{
    /// <summary>Saves <paramref name="messageId"/> for <paramref name="userId"/>; saving it again changes nothing.</summary>
    public async Task SaveAsync(Guid userId, Guid messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, _, _) = await MessageAccess.RequireReadableAsync(db, messageId, userId, ct);
        if (message.DeletedAt is not null) throw new ChatForbiddenException(MessageRules.Deleted);
        if (await db.SavedMessages.AnyAsync(s => s.UserId == userId && s.MessageId == messageId, ct)) return;

        db.SavedMessages.Add(new SavedMessage { UserId = userId, MessageId = messageId, SavedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return; // saved from another tab at the same moment
        }
        await bus.PublishAsync(new SavedMessagesChanged(userId, messageId, true), ct);
    }

    /// <summary>Removes <paramref name="messageId"/> from <paramref name="userId"/>'s saved messages.</summary>
    public async Task UnsaveAsync(Guid userId, Guid messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Not even existence is checked against room access: removing one's own bookmark reveals nothing.
        var removed = await db.SavedMessages.Where(s => s.UserId == userId && s.MessageId == messageId).ExecuteDeleteAsync(ct);
        if (removed > 0) await bus.PublishAsync(new SavedMessagesChanged(userId, messageId, false), ct);
    }

    /// <summary>
    /// <paramref name="viewerId"/>'s saved messages from rooms they can still read, newest message
    /// first; deleted ones are left out. <paramref name="beforeMessageId"/> continues a previous page.
    /// </summary>
    public async Task<IReadOnlyList<LinkedMessage>> GetSavedAsync(Guid viewerId, Guid? beforeMessageId = null, int limit = MessageService.PageSize, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberRooms = db.RoomMembers.Where(rm => rm.UserId == viewerId).Select(rm => rm.RoomId);
        var saved = db.SavedMessages.Where(s => s.UserId == viewerId).Select(s => s.MessageId);
        var messages = db.Messages.Where(m => saved.Contains(m.Id) && m.DeletedAt == null
            && (memberRooms.Contains(m.RoomId) || db.Rooms.Any(r => r.Id == m.RoomId && r.Kind == RoomKind.PublicChannel)));
        if (beforeMessageId is { } before) messages = messages.Where(m => m.Id.CompareTo(before) < 0);
        return await LinkedMessages.LoadAsync(db, messages.OrderByDescending(m => m.Id).Take(limit), markdown, ct);
    }

    /// <summary>Which messages of one room <paramref name="viewerId"/> has saved, for the "Save"/"Remove from saved" labels.</summary>
    public async Task<IReadOnlySet<Guid>> GetSavedIdsAsync(Guid viewerId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        var ids = await (
            from s in db.SavedMessages.Where(s => s.UserId == viewerId)
            join m in db.Messages.Where(m => m.RoomId == roomId) on s.MessageId equals m.Id
            select s.MessageId).ToListAsync(ct);
        return ids.ToHashSet();
    }
}
