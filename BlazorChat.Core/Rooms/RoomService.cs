using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Rooms;

/// <summary>Creating, finding and joining rooms: the one write path for room membership.</summary>
public sealed class RoomService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    /// <summary>Creates a public or private channel owned by <paramref name="ownerId"/> and returns it.</summary>
    public async Task<RoomView> CreateChannelAsync(Guid ownerId, string name, string? topic, bool isPrivate, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        topic = (topic ?? "").Trim();
        if (name.Length == 0) throw new ChatValidationException("Name", "Give the room a name.");
        if (name.Length > Room.NameMaxLength) throw new ChatValidationException("Name", $"A room name has at most {Room.NameMaxLength} characters.");
        if (topic.Length > Room.TopicMaxLength) throw new ChatValidationException("Topic", $"A topic has at most {Room.TopicMaxLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == ownerId, ct)) throw new ChatForbiddenException("Sign in to create a room.");

        var now = clock.GetUtcNow();
        var baseSlug = SlugRules.FromName(name);
        for (var attempt = 0; ; attempt++)
        {
            var room = new Room
            {
                Id = Guid.CreateVersion7(),
                Slug = await FreeSlugAsync(db, baseSlug, attempt, ct),
                Name = name,
                Topic = topic,
                Kind = isPrivate ? RoomKind.PrivateChannel : RoomKind.PublicChannel,
                CreatedById = ownerId,
                CreatedAt = now,
            };
            room.Members.Add(new RoomMember { RoomId = room.Id, UserId = ownerId, Role = RoomRole.Owner, JoinedAt = now });
            db.Rooms.Add(room);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 5)
            {
                // Someone took the slug between our check and our insert; pick the next one.
                db.ChangeTracker.Clear();
                continue;
            }

            var item = new RoomListItem(room.Id, room.Slug, room.Name, room.Kind, 0, 0);
            await bus.PublishAsync(new RoomJoined(ownerId, item), ct);
            if (room.Kind == RoomKind.PublicChannel) await bus.PublishAsync(new DirectoryChanged(room.Id), ct);
            return ToView(room, RoomRole.Owner, 0);
        }
    }

    /// <summary>Joins a public channel. Joining a room one already belongs to is a no-op.</summary>
    public async Task<RoomView> JoinAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, userId, ct);
        if (membership is not null) return ToView(room, membership.Role, membership.LastReadSeq);
        if (room.IsArchived) throw new ChatForbiddenException("This room is archived; it cannot be joined.");
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new ChatForbiddenException("Sign in to join a room.");
        var members = await db.RoomMembers.CountAsync(m => m.RoomId == roomId, ct);
        if (members >= room.MemberLimit) throw new ChatForbiddenException($"This room is full ({room.MemberLimit} members).");

        // A newcomer starts with the room read: the history is there to scroll, not to count as unread.
        var joined = new RoomMember { RoomId = roomId, UserId = userId, Role = RoomRole.Member, JoinedAt = clock.GetUtcNow(), LastReadSeq = room.LastSeq };
        db.RoomMembers.Add(joined);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Joined from another tab at the same moment.
            return ToView(room, RoomRole.Member, room.LastSeq);
        }
        await bus.PublishAsync(new RoomJoined(userId, new RoomListItem(room.Id, room.Slug, room.Name, room.Kind, room.LastSeq, room.LastSeq)), ct);
        return ToView(room, RoomRole.Member, room.LastSeq);
    }

    /// <summary>Opens a room by slug for <paramref name="userId"/>; private rooms of others are not found.</summary>
    public async Task<RoomView> OpenAsync(Guid userId, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roomId = await db.Rooms.Where(r => r.Slug == slug.ToLowerInvariant()).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct)
            ?? throw new ChatNotFoundException("room");
        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, userId, ct);
        return ToView(room, membership?.Role, membership?.LastReadSeq ?? room.LastSeq);
    }

    /// <summary>The rooms <paramref name="userId"/> belongs to, by name.</summary>
    public async Task<IReadOnlyList<RoomListItem>> ListMineAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RoomMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.Room!.Name)
            .Select(m => new RoomListItem(m.RoomId, m.Room!.Slug, m.Room.Name, m.Room.Kind, m.Room.LastSeq, m.LastReadSeq))
            .ToListAsync(ct);
    }

    /// <summary>Public channels matching <paramref name="search"/> (name or topic), by name.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> BrowseAsync(Guid userId, string? search, int limit = 100, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rooms = db.Rooms.AsNoTracking().Where(r => r.Kind == RoomKind.PublicChannel && !r.IsArchived);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            rooms = rooms.Where(r => r.Name.ToLower().Contains(term) || r.Topic.ToLower().Contains(term));
        }
        return await rooms.OrderBy(r => r.Name).Take(limit)
            .Select(r => new DirectoryEntry(r.Id, r.Slug, r.Name, r.Topic, r.Members.Count, r.Members.Any(m => m.UserId == userId)))
            .ToListAsync(ct);
    }

    private static async Task<string> FreeSlugAsync(ChatDbContext db, string baseSlug, int attempt, CancellationToken ct)
    {
        var taken = await db.Rooms.Where(r => r.Slug == baseSlug || r.Slug.StartsWith(baseSlug + "-"))
            .Select(r => r.Slug).ToListAsync(ct);
        if (!taken.Contains(baseSlug) && attempt == 0) return baseSlug;
        for (var n = 2 + attempt; ; n++)
        {
            var candidate = $"{baseSlug}-{n}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    private static RoomView ToView(Room room, RoomRole? role, long lastRead) =>
        new(room.Id, room.Slug, room.Name, room.Topic, room.Kind, room.IsArchived, room.LastSeq, role, lastRead);
}
