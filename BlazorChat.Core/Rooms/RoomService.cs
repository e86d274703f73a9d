using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Rooms;

/// <summary>
/// Rooms and their members: the one write path for creating, joining, leaving, managing and
/// deleting rooms. Every method authorizes through <see cref="RoomAccess"/>, writes in one
/// transaction and publishes after commit. Split by responsibility: this file creates, opens and
/// lists channels; <c>RoomService.Conversations.cs</c> direct and group messages;
/// <c>RoomService.Membership.cs</c> members and roles; <c>RoomService.Settings.cs</c> settings,
/// archiving and deletion.
/// </summary>
public sealed partial class RoomService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    TimeProvider clock,
    IOptions<RoomLimits> limitOptions)
{
    private RoomLimits Limits => limitOptions.Value;

    /// <summary>Creates a public or private channel owned by <paramref name="ownerId"/> and returns it.</summary>
    public async Task<RoomView> CreateChannelAsync(Guid ownerId, string name, string? topic, bool isPrivate, CancellationToken ct = default)
    {
        name = ValidName(name);
        topic = ValidTopic(topic);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == ownerId, ct)) throw new ChatForbiddenException("Sign in to create a room.");
        var now = clock.GetUtcNow();
        await EnsureMayCreateAsync(db, ownerId, now, ct);

        var baseSlug = SlugRules.FromName(name);
        for (var attempt = 0; ; attempt++)
        {
            var room = NewRoom(isPrivate ? RoomKind.PrivateChannel : RoomKind.PublicChannel, await FreeSlugAsync(db, baseSlug, attempt, ct), name, ownerId, now);
            room.Topic = topic;
            room.Members.Add(NewMember(room, ownerId, RoomRole.Owner, now));
            // Someone may take the slug between our check and our insert; then pick the next one.
            if (!await TryInsertAsync(db, room, retry: attempt < 5, ct)) continue;

            await bus.PublishAsync(new RoomJoined(ownerId, ListItem(room, room.Name, 0)), ct);
            if (room.Kind == RoomKind.PublicChannel) await bus.PublishAsync(new DirectoryChanged(room.Id), ct);
            return ToView(room, RoomRole.Owner, 0, room.Name);
        }
    }

    /// <summary>Joins a public channel. Joining a room one already belongs to is a no-op.</summary>
    public async Task<RoomView> JoinAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, userId, ct);
        if (membership is not null) return ToView(room, membership.Role, membership.LastReadSeq, await ViewerNameAsync(db, room, userId, ct));
        if (room.IsArchived) throw new ChatForbiddenException("This room is archived; it cannot be joined.");
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new ChatForbiddenException("Sign in to join a room.");
        await EnsureRoomForAsync(db, room, 1, ct);

        // A newcomer starts with the room read: the history is there to scroll, not to count as unread.
        var joined = NewMember(room, userId, RoomRole.Member, clock.GetUtcNow());
        db.RoomMembers.Add(joined);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Joined from another tab at the same moment.
            return ToView(room, RoomRole.Member, room.LastSeq, room.Name);
        }
        await bus.PublishAsync(new RoomJoined(userId, ListItem(room, room.Name, room.LastSeq)), ct);
        await bus.PublishAsync(new RoomMembersChanged(room.Id, await MemberViewAsync(db, joined, ct), MemberChange.Added), ct);
        return ToView(room, RoomRole.Member, room.LastSeq, room.Name);
    }

    /// <summary>A room by id as <paramref name="userId"/> sees it; private rooms of others are not found.</summary>
    public async Task<RoomView> GetAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, userId, ct);
        return ToView(room, membership?.Role, membership?.LastReadSeq ?? room.LastSeq, await ViewerNameAsync(db, room, userId, ct));
    }

    /// <summary>Opens a room by slug for <paramref name="userId"/>; private rooms of others are not found.</summary>
    public async Task<RoomView> OpenAsync(Guid userId, string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roomId = await db.Rooms.Where(r => r.Slug == slug.ToLowerInvariant()).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct)
            ?? throw new ChatNotFoundException("room");
        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, userId, ct);
        return ToView(room, membership?.Role, membership?.LastReadSeq ?? room.LastSeq, await ViewerNameAsync(db, room, userId, ct));
    }

    /// <summary>
    /// The rooms <paramref name="userId"/> belongs to, by the name they see (a direct message is
    /// named after the other person).
    /// </summary>
    public async Task<IReadOnlyList<RoomListItem>> ListMineAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.RoomMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new RoomListItem(m.RoomId, m.Room!.Slug,
                m.Room.Kind == RoomKind.DirectMessage
                    ? (from other in db.RoomMembers
                       join user in db.Users on other.UserId equals user.Id
                       where other.RoomId == m.RoomId && other.UserId != userId
                       select user.DisplayName).FirstOrDefault() ?? m.Room.Name
                    : m.Room.Name,
                m.Room.Kind, m.Room.LastSeq, m.LastReadSeq)
            {
                PeerId = m.Room.Kind == RoomKind.DirectMessage
                    ? db.RoomMembers.Where(o => o.RoomId == m.RoomId && o.UserId != userId).Select(o => (Guid?)o.UserId).FirstOrDefault()
                    : null,
            })
            .ToListAsync(ct);
        items.Sort(RoomListItem.ByName);
        return items;
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

    private static string ValidName(string? name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new ChatValidationException("Name", "Give the room a name.");
        if (name.Length > Room.NameMaxLength) throw new ChatValidationException("Name", $"A room name has at most {Room.NameMaxLength} characters.");
        return name;
    }

    private static string ValidTopic(string? topic)
    {
        topic = (topic ?? "").Trim();
        if (topic.Length > Room.TopicMaxLength) throw new ChatValidationException("Topic", $"A topic has at most {Room.TopicMaxLength} characters.");
        return topic;
    }

    /// <summary>
    /// Refuses a new channel or group message when <paramref name="userId"/> has created too many,
    /// in all or within the last hour. Direct messages do not count: opening one is finding a person.
    /// </summary>
    // REVIEW: two creations racing can both pass the check; the limits are against spam, not a quota to the unit.
    private async Task EnsureMayCreateAsync(ChatDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var created = db.Rooms.AsNoTracking().Where(r => r.CreatedById == userId && r.Kind != RoomKind.DirectMessage);
        if (await created.CountAsync(ct) >= Limits.RoomsPerUser)
            throw new ChatLimitException($"You have created {Limits.RoomsPerUser} rooms, the most one person may. Delete one you no longer need first.");

        // Ids are version 7 GUIDs, so the newest rooms come first by id; times are compared here
        // because SQLite cannot compare DateTimeOffset in a query.
        var recent = await created.OrderByDescending(r => r.Id).Take(Limits.RoomsPerHour).Select(r => r.CreatedAt).ToListAsync(ct);
        if (recent.Count < Limits.RoomsPerHour) return;
        var retryAfter = recent.Min() + TimeSpan.FromHours(1) - now;
        if (retryAfter > TimeSpan.Zero)
            throw new ChatLimitException(
                $"You can create at most {Limits.RoomsPerHour} rooms per hour. Try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} minutes.",
                retryAfter);
    }

    /// <summary>Refuses when <paramref name="adding"/> more members would pass the room's limit.</summary>
    private async Task EnsureRoomForAsync(ChatDbContext db, Room room, int adding, CancellationToken ct)
    {
        var limit = room.Kind == RoomKind.GroupMessage ? Math.Min(room.MemberLimit, Limits.GroupMessageMembers) : room.MemberLimit;
        var members = await db.RoomMembers.CountAsync(m => m.RoomId == room.Id, ct);
        if (members + adding > limit)
            throw new ChatLimitException(adding == 1 || members >= limit
                ? $"This room is full: it has {members} of at most {limit} members."
                : $"This room has {members} members and takes at most {limit}; {adding} more do not fit.");
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

    /// <summary>
    /// Inserts a new room with its members. False when a unique index refused it (a slug or direct
    /// key taken meanwhile) and <paramref name="retry"/> allows another try; the context is then clean.
    /// </summary>
    private static async Task<bool> TryInsertAsync(ChatDbContext db, Room room, bool retry, CancellationToken ct)
    {
        db.Rooms.Add(room);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && retry)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static Room NewRoom(RoomKind kind, string slug, string name, Guid creatorId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Slug = slug,
        Name = name,
        Kind = kind,
        CreatedById = creatorId,
        CreatedAt = now,
    };

    private static RoomMember NewMember(Room room, Guid userId, RoomRole role, DateTimeOffset now) =>
        new() { RoomId = room.Id, UserId = userId, Role = role, JoinedAt = now, LastReadSeq = room.LastSeq };

    /// <summary>The room's name as <paramref name="viewerId"/> sees it: a direct message is named after the other person.</summary>
    private static async Task<string> ViewerNameAsync(ChatDbContext db, Room room, Guid viewerId, CancellationToken ct) =>
        room.Kind != RoomKind.DirectMessage
            ? room.Name
            : await (from other in db.RoomMembers
                     join user in db.Users on other.UserId equals user.Id
                     where other.RoomId == room.Id && other.UserId != viewerId
                     select user.DisplayName).FirstOrDefaultAsync(ct) ?? room.Name;

    private static async Task<RoomMemberView> MemberViewAsync(ChatDbContext db, RoomMember member, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == member.UserId)
            .Select(u => new RoomMemberView(u.Id, u.UserName!, u.DisplayName, member.Role)).SingleAsync(ct);

    private async Task PublishToEachAsync(IEnumerable<Guid> userIds, Func<Guid, ChatEvent> eventFor, CancellationToken ct)
    {
        foreach (var userId in userIds) await bus.PublishAsync(eventFor(userId), ct);
    }

    private static RoomListItem ListItem(Room room, string name, long lastRead, Guid? peerId = null) =>
        new(room.Id, room.Slug, name, room.Kind, room.LastSeq, lastRead) { PeerId = peerId };

    private static RoomView ToView(Room room, RoomRole? role, long lastRead, string name) =>
        new(room.Id, room.Slug, name, room.Topic, room.Kind, room.IsArchived, room.LastSeq, role, lastRead, room.PostingPolicy, room.MemberLimit);
}
