using BlazorChat.Core.Data;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Moderation;

/// <summary>A row of the rooms table of <c>/admin</c>.</summary>
public sealed record AdminRoomRow(Guid Id, string Name, string Slug, string Topic, RoomKind Kind, bool IsArchived, int Members, long Messages, string Owner, PostingPolicy PostingPolicy, int MemberLimit);

/// <summary>
/// Lists every room for administrators. Changes to a room (edit, archive, delete, transfer,
/// members) go through <see cref="RoomService"/>, where a site administrator acts with the
/// owner's powers (<c>RoomAccess.RequireManagerAsync</c>), so the same rules and events apply.
/// </summary>
public sealed class RoomAdministration(IDbContextFactory<ChatDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<AdminRoomRow>> SearchAsync(Guid actorId, PageRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, clock.GetUtcNow(), ct);
        var rooms = db.Rooms.AsNoTracking().Where(r => r.Kind != RoomKind.DirectMessage);
        if (request.Term is { Length: > 0 } term)
        {
            var lower = term.ToLowerInvariant();
            rooms = rooms.Where(r => r.Name.ToLower().Contains(lower) || r.Slug.Contains(lower));
        }
        var total = await rooms.CountAsync(ct);
        rooms = (request.SortBy, request.Descending) switch
        {
            ("Name", false) => rooms.OrderBy(r => r.Name),
            ("Name", true) => rooms.OrderByDescending(r => r.Name),
            ("Messages", false) => rooms.OrderBy(r => r.LastSeq),
            ("Messages", true) => rooms.OrderByDescending(r => r.LastSeq),
            (_, false) => rooms.OrderBy(r => r.Id),
            (_, true) => rooms.OrderByDescending(r => r.Id),
        };
        var rows = await rooms.Skip(request.SafeSkip).Take(request.SafeTake)
            .Select(r => new
            {
                Room = r,
                Members = db.RoomMembers.Count(m => m.RoomId == r.Id),
                Owner = (from m in db.RoomMembers join u in db.Users on m.UserId equals u.Id
                         where m.RoomId == r.Id && m.Role == RoomRole.Owner select u.UserName).FirstOrDefault(),
            }).ToListAsync(ct);
        return new Page<AdminRoomRow>([.. rows.Select(x => new AdminRoomRow(x.Room.Id, x.Room.Name, x.Room.Slug, x.Room.Topic, x.Room.Kind,
            x.Room.IsArchived, x.Members, x.Room.LastSeq, x.Owner ?? "", x.Room.PostingPolicy, x.Room.MemberLimit))], total);
    }
}
