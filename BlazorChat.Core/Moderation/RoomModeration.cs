using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Moderation;

/// <summary>
/// Muting members of a room: room moderators and up in their room (on members below them), site
/// moderators and administrators in any room. A muted member reads but cannot post until the mute
/// ends or is lifted. Audited.
/// </summary>
public sealed class RoomModeration(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    /// <summary>Mutes <paramref name="userId"/> in the room for <paramref name="duration"/> (null: until lifted).</summary>
    public async Task MuteAsync(Guid actorId, Guid roomId, Guid userId, TimeSpan? duration, string reason, CancellationToken ct = default)
    {
        reason = UserAdministration.RequireReason(reason);
        if (duration is { } d && d <= TimeSpan.Zero) throw new ChatValidationException("Duration", "A mute lasts a positive time.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireModeratorOverAsync(db, actorId, roomId, userId, now, ct);
        var until = await ApplyMuteAsync(db, actorId, roomId, userId, duration, reason, now, ct);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new MemberMuted(roomId, userId, until, IsMuted: true), ct);
    }

    /// <summary>Lifts a mute.</summary>
    public async Task UnmuteAsync(Guid actorId, Guid roomId, Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireModeratorOverAsync(db, actorId, roomId, userId, now, ct);
        var mute = await db.RoomMutes.SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
        if (mute is null) return;
        db.RoomMutes.Remove(mute);
        AuditLog.Record(db, actorId, "member.unmute", $"user:{userId}", now, roomId);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new MemberMuted(roomId, userId, null, IsMuted: false), ct);
    }

    /// <summary>
    /// The mutes in force in the room and when each ends (null: until lifted), for its moderators and
    /// up; empty for anyone else, who is never shown them.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset?>> GetMutesAsync(Guid viewerId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var role = await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == viewerId).Select(m => (RoomRole?)m.Role).SingleOrDefaultAsync(ct);
        if (role is not { } r || r < RoomRole.Moderator) return new Dictionary<Guid, DateTimeOffset?>();
        // Filtered in memory: SQLite cannot compare times, and a room has few mutes.
        var now = clock.GetUtcNow();
        var mutes = await db.RoomMutes.AsNoTracking().Where(m => m.RoomId == roomId).ToListAsync(ct);
        return mutes.Where(m => m.IsInForce(now)).ToDictionary(m => m.UserId, m => m.Until);
    }

    /// <summary>Why someone with <paramref name="mute"/> (their mute in the room, if any) may not post there now, or null.</summary>
    internal static string? MuteRefusal(RoomMute? mute, DateTimeOffset now)
    {
        if (mute is null || !mute.IsInForce(now)) return null;
        return mute.Until is { } until
            ? $"You are muted in this room until {until:yyyy-MM-dd HH:mm} UTC."
            : "You are muted in this room.";
    }

    /// <summary>Adds or replaces a mute in the caller's unit of work, audited; returns its end.</summary>
    internal static async Task<DateTimeOffset?> ApplyMuteAsync(ChatDbContext db, Guid actorId, Guid roomId, Guid userId, TimeSpan? duration, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var until = duration is { } d ? now + d : (DateTimeOffset?)null;
        var mute = await db.RoomMutes.SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct);
        if (mute is null) db.RoomMutes.Add(mute = new RoomMute { RoomId = roomId, UserId = userId });
        mute.MutedById = actorId;
        mute.CreatedAt = now;
        mute.Until = until;
        mute.Reason = reason;
        AuditLog.Record(db, actorId, "member.mute", $"user:{userId}", now, roomId,
            $"{reason} ({(duration is { } length ? $"for {length.TotalHours:0.##} h" : "until lifted")})");
        return until;
    }

    /// <summary>
    /// Site moderators and up may act in any room (on anyone below them on the site); otherwise the
    /// actor must be a room moderator or up who outranks the target in the room.
    /// </summary>
    private static async Task RequireModeratorOverAsync(ChatDbContext db, Guid actorId, Guid roomId, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.Rooms.AnyAsync(r => r.Id == roomId, ct)) throw new ChatNotFoundException("room");
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new ChatNotFoundException("user");
        var siteRole = await SiteAccess.RoleOfAsync(db, actorId, ct);
        if (SiteAccess.Refusal(SiteAction.HandleReports, siteRole) is null)
        {
            await SiteAccess.RequireAsync(db, actorId, SiteAction.HandleReports, now, ct);
            SiteAccess.EnsureOutranks(actorId, siteRole, userId, await SiteAccess.RoleOfAsync(db, userId, ct), "mute");
            return;
        }
        var (room, actor) = await RoomAccess.RequireMemberAsync(db, roomId, actorId, ct);
        RoomAccess.EnsureRole(actor, RoomRole.Moderator, "mute members");
        if (room.Kind == RoomKind.DirectMessage) throw new ChatForbiddenException("Nobody can be muted in a direct message.");
        var target = await db.RoomMembers.AsNoTracking().SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct)
            ?? throw new ChatNotFoundException("member");
        RoomAccess.EnsureOutranks(actor, target, "mute");
    }
}
