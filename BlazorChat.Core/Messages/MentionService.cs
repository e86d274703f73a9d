using BlazorChat.Core.Data;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Reading mentions: the mentions view, and the names the composer offers after "@".</summary>
public sealed class MentionService(IDbContextFactory<ChatDbContext> dbFactory, MarkdownRenderer markdown)
{
    /// <summary>The most candidates the composer shows at once.</summary>
    public const int CandidateLimit = 8;

    /// <summary>
    /// Messages that mention <paramref name="viewerId"/> by name, or the whole room in a room they
    /// belong to, newest first, from rooms they can still read; deleted ones are left out.
    /// <paramref name="beforeMessageId"/> continues a previous page.
    /// </summary>
    public async Task<IReadOnlyList<LinkedMessage>> GetMentionsAsync(Guid viewerId, Guid? beforeMessageId = null, int limit = MessageService.PageSize, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberRooms = db.RoomMembers.Where(rm => rm.UserId == viewerId).Select(rm => rm.RoomId);
        var readable = db.Messages.Where(m => m.DeletedAt == null
            && (memberRooms.Contains(m.RoomId) || db.Rooms.Any(r => r.Id == m.RoomId && r.Kind == RoomKind.PublicChannel)));
        var named = db.Mentions.Where(x => x.UserId == viewerId).Select(x => x.MessageId);
        var mentioning = readable.Where(m => named.Contains(m.Id)
            || (m.MentionsRoom && m.AuthorId != viewerId && memberRooms.Contains(m.RoomId)));
        if (beforeMessageId is { } before) mentioning = mentioning.Where(m => m.Id.CompareTo(before) < 0);
        // Message ids are version 7 GUIDs: ordered by time on both providers.
        var page = mentioning.OrderByDescending(m => m.Id).Take(limit);
        return await LinkedMessages.LoadAsync(db, page, markdown, ct);
    }

    /// <summary>
    /// Members of the room whose username or display name starts with <paramref name="prefix"/>
    /// (the text typed after "@"), by username; plus <c>@here</c> and <c>@room</c> for room
    /// moderators and up. Only members of the room may ask.
    /// </summary>
    public async Task<IReadOnlyList<MentionCandidate>> FindMentionCandidatesAsync(Guid viewerId, Guid roomId, string? prefix, CancellationToken ct = default)
    {
        prefix = (prefix ?? "").Trim().TrimStart('@').ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, membership) = await RoomAccess.RequireMemberAsync(db, roomId, viewerId, ct);
        var upper = prefix.ToUpperInvariant();
        var people = await (
            from m in db.RoomMembers.AsNoTracking().Where(m => m.RoomId == roomId && m.UserId != viewerId)
            join u in db.Users on m.UserId equals u.Id
            where u.NormalizedUserName!.StartsWith(upper) || u.DisplayName.ToLower().StartsWith(prefix)
            orderby u.NormalizedUserName
            select new MentionCandidate(u.UserName!, u.DisplayName, false)).Take(CandidateLimit).ToListAsync(ct);
        if (MessageRules.WhyCannotMentionRoom(membership.Role) is null)
        {
            people.AddRange(MentionSyntax.RoomWords.Where(w => w.StartsWith(prefix, StringComparison.Ordinal)).Order()
                .Select(w => new MentionCandidate(w, w == "here" ? "Notify everyone here" : "Notify everyone in the room", true)));
        }
        return people;
    }
}

/// <summary>What the write paths need to store a body: its HTML with mentions marked, and who it mentions.</summary>
internal sealed record PreparedBody(string Html, bool MentionsRoom, IReadOnlyList<Guid> MentionedUserIds);

/// <summary>Turns a body into <see cref="PreparedBody"/> for a room: the one place that decides what a mention is.</summary>
internal static class MentionResolution
{
    /// <summary>
    /// Finds the names in <paramref name="body"/>, keeps those of room members, and refuses
    /// @here/@room unless <paramref name="role"/> allows them. The author is never notified of
    /// their own mention, but it is still highlighted.
    /// </summary>
    public static async Task<PreparedBody> PrepareAsync(ChatDbContext db, MarkdownRenderer markdown, Guid roomId, Guid authorId,
        RoomRole role, string body, CancellationToken ct)
    {
        // One parse serves finding the names and rendering.
        var document = markdown.Parse(body);
        var found = MarkdownRenderer.FindMentions(document);
        if (found.Room) MessageAccess.Allow(MessageRules.WhyCannotMentionRoom(role));

        var members = new List<(Guid Id, string Username)>();
        if (found.Usernames.Count > 0)
        {
            var normalized = found.Usernames.Select(n => n.ToUpperInvariant()).ToList();
            members = [.. (await (
                from m in db.RoomMembers.AsNoTracking().Where(m => m.RoomId == roomId)
                join u in db.Users on m.UserId equals u.Id
                where normalized.Contains(u.NormalizedUserName!)
                select new { u.Id, u.UserName }).ToListAsync(ct)).Select(u => (u.Id, u.UserName!))];
        }
        var mentioned = new MentionSet(members.Select(m => m.Username.ToLowerInvariant()).ToHashSet(), found.Room);
        return new PreparedBody(markdown.Render(document, mentioned), found.Room,
            [.. members.Select(m => m.Id).Where(id => id != authorId)]);
    }
}

/// <summary>Loads messages from several rooms with the room names their links need.</summary>
internal static class LinkedMessages
{
    /// <summary>Views of <paramref name="page"/> in its own order, each with its room's slug and name.</summary>
    public static async Task<List<LinkedMessage>> LoadAsync(ChatDbContext db, IQueryable<Message> page, MarkdownRenderer markdown, CancellationToken ct) =>
        await LoadAsync(db, await page.Select(m => m.Id).ToListAsync(ct), markdown, ct);

    /// <summary>Views of the messages <paramref name="ids"/>, in that order, each with its room's slug and name.</summary>
    public static async Task<List<LinkedMessage>> LoadAsync(ChatDbContext db, IReadOnlyList<Guid> ids, MarkdownRenderer markdown, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var views = (await MessageViewLoader.LoadAsync(db, db.Messages.Where(m => ids.Contains(m.Id)), markdown, ct)).ToDictionary(v => v.Id);
        var roomIds = views.Values.Select(v => v.RoomId).Distinct().ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => (r.Slug, r.Name), ct);
        return [.. ids.Where(views.ContainsKey).Select(id => views[id]).Select(v => new LinkedMessage(v, rooms[v.RoomId].Slug, rooms[v.RoomId].Name))];
    }
}
