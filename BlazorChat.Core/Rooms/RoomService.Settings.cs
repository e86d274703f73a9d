using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Rooms;

public sealed partial class RoomService
{
    /// <summary>
    /// Changes a room's name, topic, posting policy and member limit (admins and up; not in an
    /// archived room). The slug stays, so links to the room keep working after a rename.
    /// </summary>
    public async Task<RoomView> UpdateSettingsAsync(Guid actorId, Guid roomId, RoomSettings settings, CancellationToken ct = default)
    {
        var name = ValidName(settings.Name);
        var topic = ValidTopic(settings.Topic);
        if (!Enum.IsDefined(settings.PostingPolicy)) throw new ChatValidationException("PostingPolicy", "Choose who may post.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireManagerAsync(db, roomId, actorId, ct);
        RoomAccess.Ensure(RoomAction.EditSettings, room, actor);
        var maxLimit = room.Kind == RoomKind.GroupMessage ? Limits.GroupMessageMembers : RoomLimits.MaxMemberLimit;
        if (settings.MemberLimit < RoomLimits.MinMemberLimit || settings.MemberLimit > maxLimit)
            throw new ChatValidationException("MemberLimit", $"The member limit is between {RoomLimits.MinMemberLimit} and {maxLimit:N0}.");
        var members = await db.RoomMembers.CountAsync(m => m.RoomId == roomId, ct);
        if (settings.MemberLimit < members)
            throw new ChatValidationException("MemberLimit", $"The room has {members} members already; the limit cannot be lower.");

        // Attached, not updated whole: only the changed columns are written, never LastSeq, which
        // senders advance concurrently.
        db.Rooms.Attach(room);
        room.Name = name;
        room.Topic = topic;
        room.PostingPolicy = settings.PostingPolicy;
        room.MemberLimit = settings.MemberLimit;
        await db.SaveChangesAsync(ct);

        await PublishUpdatedAsync(db, room, ct);
        return ToView(room, actor.Role, actor.LastReadSeq, room.Name);
    }

    /// <summary>
    /// Archives a room (read-only for everyone: no posts, joins, invites or changes) or brings it
    /// back. Admins and up; audited.
    /// </summary>
    public async Task<RoomView> SetArchivedAsync(Guid actorId, Guid roomId, bool archived, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireManagerAsync(db, roomId, actorId, ct);
        RoomAccess.Ensure(RoomAction.Archive, room, actor);
        if (room.IsArchived != archived)
        {
            db.Rooms.Attach(room);
            room.IsArchived = archived;
            AuditLog.Record(db, actorId, archived ? "room.archive" : "room.unarchive", $"room:{roomId}", clock.GetUtcNow(), roomId);
            await db.SaveChangesAsync(ct);
            await PublishUpdatedAsync(db, room, ct);
        }
        return ToView(room, actor.Role, actor.LastReadSeq, room.Name);
    }

    /// <summary>
    /// Deletes a room with all its messages (the owner only; audited). Every member's open tabs
    /// lose it at once, and so does anyone reading it.
    /// </summary>
    public async Task DeleteAsync(Guid actorId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireManagerAsync(db, roomId, actorId, ct);
        RoomAccess.Ensure(RoomAction.Delete, room, actor);

        List<Guid> members;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            members = await db.RoomMembers.Where(m => m.RoomId == roomId).Select(m => m.UserId).ToListAsync(ct);
            // Thread replies refer to their roots without cascading; remove them first, then the
            // room, whose members and messages (with their reactions, mentions...) cascade.
            // Files lose their room and message; marked here, their bytes go with the cleanup job.
            await db.Attachments.Where(a => a.RoomId == roomId && a.DeletedAt == null)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.DeletedAt, clock.GetUtcNow()), ct);
            await db.Set<Message>().Where(m => m.RoomId == roomId && m.ThreadRootId != null).ExecuteDeleteAsync(ct);
            await db.Rooms.Where(r => r.Id == roomId).ExecuteDeleteAsync(ct);
            AuditLog.Record(db, actorId, "room.delete", $"room:{roomId}", clock.GetUtcNow(), roomId, room.Name);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await PublishToEachAsync(members, member => new RoomLeft(member, roomId, RoomLeftReason.Deleted), ct);
        await bus.PublishAsync(new RoomDeleted(roomId), ct);
        if (room.Kind == RoomKind.PublicChannel) await bus.PublishAsync(new DirectoryChanged(roomId), ct);
    }

    /// <summary>News of a settings change: the open room, every member's sidebar, and the directory for a public channel.</summary>
    private async Task PublishUpdatedAsync(ChatDbContext db, Room room, CancellationToken ct)
    {
        var details = RoomDetails.Of(room);
        var members = await db.RoomMembers.Where(m => m.RoomId == room.Id).Select(m => m.UserId).ToListAsync(ct);
        await bus.PublishAsync(new RoomUpdated(details), ct);
        await PublishToEachAsync(members, member => new RoomUpdated(details, member), ct);
        if (room.Kind == RoomKind.PublicChannel) await bus.PublishAsync(new DirectoryChanged(room.Id), ct);
    }
}
