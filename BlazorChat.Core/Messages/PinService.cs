using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Pins: room moderators and up pin messages so that everyone finds them in the room's pinned list.</summary>
public sealed class PinService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    MarkdownRenderer markdown,
    TimeProvider clock)
{
    /// <summary>The most pins a room's pinned list shows.</summary>
    public const int PinnedLimit = 100;

    /// <summary>Pins <paramref name="messageId"/> in its room; pinning a pinned message changes nothing.</summary>
    public Task<MessageView> PinAsync(Guid actorId, Guid messageId, CancellationToken ct = default) => SetPinnedAsync(actorId, messageId, true, ct);

    /// <summary>Unpins <paramref name="messageId"/>; unpinning a message that is not pinned changes nothing.</summary>
    public Task<MessageView> UnpinAsync(Guid actorId, Guid messageId, CancellationToken ct = default) => SetPinnedAsync(actorId, messageId, false, ct);

    /// <summary>The room's pinned messages, most recently pinned first.</summary>
    public async Task<IReadOnlyList<MessageView>> GetPinnedAsync(Guid viewerId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        var pinned = db.Messages.Where(m => m.RoomId == roomId && m.PinnedAt != null && m.DeletedAt == null)
            .OrderByDescending(m => m.Seq).Take(PinnedLimit);
        // Ordered by pin time in memory: SQLite cannot order by time, and the list is short.
        return [.. (await MessageViewLoader.LoadAsync(db, pinned, markdown, ct)).OrderByDescending(m => m.PinnedAt)];
    }

    private async Task<MessageView> SetPinnedAsync(Guid actorId, Guid messageId, bool pinned, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, room, membership) = await MessageAccess.RequireReadableAsync(db, messageId, actorId, ct);
        MessageAccess.Allow(MessageRules.WhyCannotPin(membership?.Role, room.IsArchived, pinned && message.DeletedAt is not null));
        if ((message.PinnedAt is not null) == pinned) return await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);

        message.PinnedAt = pinned ? clock.GetUtcNow() : null;
        message.PinnedById = pinned ? actorId : null;
        await db.SaveChangesAsync(ct);

        var view = await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
        await bus.PublishAsync(new MessageChanged(view), ct);
        return view;
    }
}
