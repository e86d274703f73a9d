using System.Collections.Concurrent;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Typing;

/// <summary>
/// Relays typing news: at most one event per user per room every <see cref="Throttle"/>, only from
/// members who may post. Nothing is stored; a missed event only shortens an indicator.
/// </summary>
public sealed class TypingService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<(Guid RoomId, Guid UserId), DateTimeOffset> _lastSent = new();

    /// <summary>Tells the room that <paramref name="userId"/> is typing, unless they did so within the last 3 seconds.</summary>
    /// <returns>True when an event went out.</returns>
    public async Task<bool> NotifyTypingAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var key = (roomId, userId);
        if (_lastSent.TryGetValue(key, out var last) && now - last < Throttle) return false;

        var name = await PosterNameAsync(userId, roomId, ct);
        if (name is null) return false;
        _lastSent[key] = now;
        PruneOld(now);
        await bus.PublishAsync(new UserTyping(roomId, userId, name, IsTyping: true), ct);
        return true;
    }

    /// <summary>Tells the room that <paramref name="userId"/> stopped typing (they sent, or cleared the box).</summary>
    public async Task NotifyStoppedAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        if (!_lastSent.TryRemove((roomId, userId), out _)) return;
        var name = await PosterNameAsync(userId, roomId, ct);
        if (name is not null) await bus.PublishAsync(new UserTyping(roomId, userId, name, IsTyping: false), ct);
    }

    /// <summary>The display name of a member allowed to post in the room, or null.</summary>
    private async Task<string?> PosterNameAsync(Guid userId, Guid roomId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var poster = await (
            from m in db.RoomMembers.AsNoTracking()
            join r in db.Rooms on m.RoomId equals r.Id
            join u in db.Users on m.UserId equals u.Id
            where m.RoomId == roomId && m.UserId == userId && !r.IsArchived
                  && (r.PostingPolicy == PostingPolicy.Everyone || m.Role >= RoomRole.Moderator)
            select u.DisplayName).SingleOrDefaultAsync(ct);
        return poster;
    }

    // Entries older than the throttle window carry no information; keep the map small.
    private void PruneOld(DateTimeOffset now)
    {
        if (_lastSent.Count < 1024) return;
        foreach (var (key, sent) in _lastSent)
            if (now - sent >= Throttle) _lastSent.TryRemove(key, out _);
    }
}
