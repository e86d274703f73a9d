using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Rooms;

public sealed partial class RoomService
{
    /// <summary>
    /// Opens the direct message between <paramref name="userId"/> and <paramref name="otherUserId"/>,
    /// creating it the first time. A pair has exactly one: opening it again, from any side and even
    /// concurrently, returns the same room. Its name, for each of the two, is the other person's
    /// display name.
    /// </summary>
    public async Task<RoomView> OpenDirectAsync(Guid userId, Guid otherUserId, CancellationToken ct = default)
    {
        if (userId == otherUserId) throw new ChatValidationException("People", "Pick someone other than yourself.");
        var key = DirectKey(userId, otherUserId);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            if (await db.Rooms.Where(r => r.DirectKey == key).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct) is { } existingId)
            {
                var (existing, membership) = await RoomAccess.RequireReadableAsync(db, existingId, userId, ct);
                return ToView(existing, membership?.Role, membership?.LastReadSeq ?? existing.LastSeq, await ViewerNameAsync(db, existing, userId, ct));
            }

            var people = await db.Users.AsNoTracking().Where(u => u.Id == userId || u.Id == otherUserId)
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            if (!people.ContainsKey(userId)) throw new ChatForbiddenException("Sign in to send direct messages.");
            if (!people.TryGetValue(otherUserId, out var otherName)) throw new ChatNotFoundException("user");

            var now = clock.GetUtcNow();
            var room = NewRoom(RoomKind.DirectMessage, $"dm-{ShortId()}", Truncate($"{people[userId]}, {otherName}"), userId, now);
            room.DirectKey = key;
            room.MemberLimit = 2;
            room.Members.Add(NewMember(room, userId, RoomRole.Member, now));
            room.Members.Add(NewMember(room, otherUserId, RoomRole.Member, now));
            // Losing the race for the key means the other side just created it: the loop then finds it.
            if (!await TryInsertAsync(db, room, retry: attempt < 3, ct)) continue;

            await bus.PublishAsync(new RoomJoined(userId, ListItem(room, otherName, 0, otherUserId)), ct);
            await bus.PublishAsync(new RoomJoined(otherUserId, ListItem(room, people[userId], 0, userId)), ct);
            return ToView(room, RoomRole.Member, 0, otherName);
        }
    }

    /// <summary>
    /// Starts a group message of <paramref name="creatorId"/> with <paramref name="memberIds"/>
    /// (3 people or more, the creator included, up to the group limit). Without a
    /// <paramref name="name"/>, an open group of exactly these people is reused, and a new one is
    /// named after its members.
    /// </summary>
    public async Task<RoomView> CreateGroupAsync(Guid creatorId, IReadOnlyCollection<Guid> memberIds, string? name = null, CancellationToken ct = default)
    {
        var people = memberIds.Append(creatorId).Distinct().ToList();
        if (people.Count < 3)
            throw new ChatValidationException("People", "A group message has at least 3 people, you included. For one person, open a direct message.");
        if (people.Count > Limits.GroupMessageMembers)
            throw new ChatLimitException($"A group message has at most {Limits.GroupMessageMembers} people, you included.");
        var givenName = string.IsNullOrWhiteSpace(name) ? null : ValidName(name);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        if (!names.ContainsKey(creatorId)) throw new ChatForbiddenException("Sign in to start a conversation.");
        if (names.Count < people.Count) throw new ChatNotFoundException("user");

        if (givenName is null)
        {
            var sameId = await db.Rooms.AsNoTracking()
                .Where(r => r.Kind == RoomKind.GroupMessage && !r.IsArchived
                    && r.Members.Count == people.Count && r.Members.All(m => people.Contains(m.UserId)))
                .OrderBy(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
            if (sameId is { } id)
            {
                var (same, membership) = await RoomAccess.RequireMemberAsync(db, id, creatorId, ct);
                return ToView(same, membership.Role, membership.LastReadSeq, same.Name);
            }
        }

        var now = clock.GetUtcNow();
        await EnsureMayCreateAsync(db, creatorId, now, ct);
        var roomName = givenName ?? Truncate(string.Join(", ", names.Values.Order(StringComparer.CurrentCultureIgnoreCase)));
        for (var attempt = 0; ; attempt++)
        {
            var room = NewRoom(RoomKind.GroupMessage, $"group-{ShortId()}", roomName, creatorId, now);
            room.MemberLimit = Limits.GroupMessageMembers;
            foreach (var person in people)
                room.Members.Add(NewMember(room, person, person == creatorId ? RoomRole.Owner : RoomRole.Member, now));
            if (!await TryInsertAsync(db, room, retry: attempt < 3, ct)) continue;

            await PublishToEachAsync(people, person => new RoomJoined(person, ListItem(room, room.Name, 0)), ct);
            return ToView(room, RoomRole.Owner, 0, room.Name);
        }
    }

    /// <summary>The key that makes a pair's direct message unique: both ids, smaller first.</summary>
    internal static string DirectKey(Guid a, Guid b)
    {
        var (x, y) = (a.ToString("N"), b.ToString("N"));
        return string.CompareOrdinal(x, y) < 0 ? $"{x}:{y}" : $"{y}:{x}";
    }

    private static string ShortId() => Guid.NewGuid().ToString("N")[..10];

    private static string Truncate(string name) =>
        name.Length <= Room.NameMaxLength ? name : name[..(Room.NameMaxLength - 1)].TrimEnd(' ', ',') + "…";
}
