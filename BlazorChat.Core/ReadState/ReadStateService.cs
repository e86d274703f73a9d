using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.ReadState;

/// <summary>
/// Read markers, unread and mention counts, and receipts. One marker per member per room
/// (<see cref="RoomMember.LastReadSeq"/>); counts are always computed from the messages, never
/// kept as a separate number that could drift.
/// </summary>
public sealed class ReadStateService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus)
{
    /// <summary>
    /// Moves the member's read marker forward to <paramref name="upToSeq"/> (never backwards, never
    /// past the room's last message). Returns the marker as stored.
    /// </summary>
    public async Task<long> MarkReadAsync(Guid userId, Guid roomId, long upToSeq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, membership) = await RoomAccess.RequireMemberAsync(db, roomId, userId, ct);
        var target = Math.Min(upToSeq, room.LastSeq);
        if (target <= membership.LastReadSeq) return membership.LastReadSeq;

        var moved = await db.RoomMembers
            .Where(m => m.RoomId == roomId && m.UserId == userId && m.LastReadSeq < target)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.LastReadSeq, target), ct);
        if (moved == 0)
            return await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == userId).Select(m => m.LastReadSeq).SingleAsync(ct);

        await PublishAsync(db, userId, roomId, target, ct);
        return target;
    }

    /// <summary>The member's read marker in the room with its unread and mention counts; members only.</summary>
    public async Task<ReadMarker> GetMarkerAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, membership) = await RoomAccess.RequireMemberAsync(db, roomId, userId, ct);
        var counts = await CountsQuery(db, userId, db.RoomMembers.Where(m => m.UserId == userId && m.RoomId == roomId)).SingleAsync(ct);
        return new ReadMarker(roomId, membership.LastReadSeq, room.LastSeq, counts.Unread, counts.Mentions);
    }

    /// <summary>Marks the room unread from <paramref name="fromSeq"/> on ("mark as unread" on a message).</summary>
    public async Task<long> MarkUnreadAsync(Guid userId, Guid roomId, long fromSeq, CancellationToken ct = default)
    {
        if (fromSeq < 1) throw new ChatValidationException("Seq", "Choose a message to mark unread from.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireMemberAsync(db, roomId, userId, ct);
        var target = fromSeq - 1;
        await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == userId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.LastReadSeq, target), ct);
        await PublishAsync(db, userId, roomId, target, ct);
        return target;
    }

    /// <summary>Unread and mention counts of every room <paramref name="userId"/> belongs to.</summary>
    public async Task<IReadOnlyDictionary<Guid, RoomUnread>> GetUnreadAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await CountsQuery(db, userId, db.RoomMembers.Where(m => m.UserId == userId)).ToListAsync(ct);
        return counts.ToDictionary(c => c.RoomId);
    }

    /// <summary>Unread and mention counts of one room for <paramref name="userId"/> (zero for non-members).</summary>
    public async Task<RoomUnread> GetUnreadAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CountsQuery(db, userId, db.RoomMembers.Where(m => m.UserId == userId && m.RoomId == roomId)).SingleOrDefaultAsync(ct);
    }

    /// <summary>How far each other member of the room has read, for receipts.</summary>
    public async Task<IReadOnlyList<ReadReceipt>> GetReceiptsAsync(Guid viewerId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireMemberAsync(db, roomId, viewerId, ct);
        return await (
            from m in db.RoomMembers.AsNoTracking()
            join u in db.Users on m.UserId equals u.Id
            where m.RoomId == roomId && m.UserId != viewerId
            orderby m.LastReadSeq descending
            select new ReadReceipt(m.UserId, u.DisplayName, m.LastReadSeq)).Take(500).ToListAsync(ct);
    }

    // Unread: other people's live top-level messages after the marker. Mentions: those among them
    // that name the member or the whole room. Both counted through the (RoomId, Seq) index and capped
    // (in Seq order, which the index gives for free and which keeps EF from warning of an unordered limit).
    private static IQueryable<RoomUnread> CountsQuery(ChatDbContext db, Guid userId, IQueryable<RoomMember> memberships) =>
        from m in memberships
        select new RoomUnread(
            m.RoomId,
            db.Messages
                .Where(x => x.RoomId == m.RoomId && x.Seq > m.LastReadSeq && x.AuthorId != userId && x.DeletedAt == null && x.ThreadRootId == null)
                .OrderBy(x => x.Seq).Take(RoomUnread.Cap).Count(),
            db.Messages
                .Where(x => x.RoomId == m.RoomId && x.Seq > m.LastReadSeq && x.AuthorId != userId && x.DeletedAt == null && x.ThreadRootId == null)
                .Where(x => x.MentionsRoom || db.Mentions.Any(n => n.MessageId == x.Id && n.UserId == userId))
                .OrderBy(x => x.Seq).Take(RoomUnread.Cap).Count());

    private async Task PublishAsync(ChatDbContext db, Guid userId, Guid roomId, long lastRead, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
        await bus.PublishAsync(new ReadMarkerMoved(userId, roomId, lastRead), ct);
        await bus.PublishAsync(new RoomReadBy(roomId, userId, name, lastRead), ct);
    }
}
