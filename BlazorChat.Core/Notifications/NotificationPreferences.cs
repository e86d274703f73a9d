using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Notifications;

/// <summary>Someone changed how a room notifies them; their other tabs follow.</summary>
public sealed record NotificationLevelChanged(Guid UserId, Guid RoomId, NotificationLevel Level) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>Per-room notification levels (all, mentions, nothing) and the rule that combines them with do-not-disturb.</summary>
public sealed class NotificationPreferences(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus)
{
    /// <summary>Sets how <paramref name="roomId"/> notifies <paramref name="userId"/>; members only.</summary>
    public async Task SetLevelAsync(Guid userId, Guid roomId, NotificationLevel level, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(level)) throw new Common.ChatValidationException("Level", "Choose all messages, mentions only or nothing.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireMemberAsync(db, roomId, userId, ct);
        await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == userId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.NotificationLevel, level), ct);
        await bus.PublishAsync(new NotificationLevelChanged(userId, roomId, level), ct);
    }

    /// <summary>The notification level of every room of <paramref name="userId"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, NotificationLevel>> GetLevelsAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RoomMembers.AsNoTracking().Where(m => m.UserId == userId)
            .ToDictionaryAsync(m => m.RoomId, m => m.NotificationLevel, ct);
    }

    /// <summary>The level that applies in a room: the stricter of the room's own and the person's account-wide default.</summary>
    public static NotificationLevel Effective(NotificationLevel room, NotificationLevel accountDefault) =>
        (NotificationLevel)Math.Max((int)room, (int)accountDefault);

    /// <summary>
    /// Whether a message should raise a browser notification: never while do-not-disturb is on,
    /// the tab is in view or the room is set to nothing; mentions always otherwise; other
    /// messages only in direct and group conversations left at "all".
    /// </summary>
    public static bool ShouldNotify(NotificationLevel level, bool doNotDisturb, bool tabInView, bool mentionsViewer, RoomKind kind)
    {
        if (doNotDisturb || tabInView || level == NotificationLevel.Nothing) return false;
        if (mentionsViewer) return true;
        return level == NotificationLevel.All && kind is RoomKind.DirectMessage or RoomKind.GroupMessage;
    }
}
