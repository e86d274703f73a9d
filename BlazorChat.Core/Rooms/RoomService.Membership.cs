using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Moderation;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Rooms;

public sealed partial class RoomService
{
    /// <summary>
    /// The members of a room, highest role first, then by name. Anyone who may read the room may
    /// see who is in it; a private room's members are hidden from outsiders like the room itself.
    /// </summary>
    public async Task<IReadOnlyList<RoomMemberView>> ListMembersAsync(Guid viewerId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        }
        catch (ChatNotFoundException)
        {
            // Site administrators see the members of any room (the rooms page of /admin).
            if (!await RoomAccess.IsSiteAdministratorAsync(db, viewerId, ct) || !await db.Rooms.AnyAsync(r => r.Id == roomId, ct)) throw;
        }
        var members = await (from m in db.RoomMembers.AsNoTracking()
                             join u in db.Users on m.UserId equals u.Id
                             where m.RoomId == roomId
                             select new RoomMemberView(u.Id, u.UserName!, u.DisplayName, m.Role)).ToListAsync(ct);
        return [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Adds <paramref name="userIds"/> to the room (people already in it are skipped) and returns
    /// who was added. Any member may add people to a public channel or a group message; a private
    /// channel needs a moderator or up; a direct message never takes more people.
    /// </summary>
    public async Task<IReadOnlyList<RoomMemberView>> InviteAsync(Guid actorId, Guid roomId, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) throw new ChatValidationException("People", "Pick at least one person to add.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireMemberAsync(db, roomId, actorId, ct);
        RoomAccess.Ensure(RoomAction.Invite, room, actor);

        var wanted = userIds.Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, Username = u.UserName!, u.DisplayName }).ToListAsync(ct);
        if (people.Count < wanted.Count) throw new ChatNotFoundException("user");
        var already = await db.RoomMembers.Where(m => m.RoomId == roomId && wanted.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        var newcomers = people.Where(p => !already.Contains(p.Id)).ToList();
        if (newcomers.Count == 0) return [];
        await EnsureRoomForAsync(db, room, newcomers.Count, ct);

        var now = clock.GetUtcNow();
        foreach (var person in newcomers) db.RoomMembers.Add(NewMember(room, person.Id, RoomRole.Member, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ChatConflictException("People", "Someone joined at the same moment. Try again.");
        }

        var added = newcomers.Select(p => new RoomMemberView(p.Id, p.Username, p.DisplayName, RoomRole.Member)).ToList();
        foreach (var member in added)
        {
            await bus.PublishAsync(new RoomJoined(member.UserId, ListItem(room, room.Name, room.LastSeq)), ct);
            await bus.PublishAsync(new RoomMembersChanged(roomId, member, MemberChange.Added), ct);
        }
        return added;
    }

    /// <summary>
    /// <paramref name="userId"/> leaves the room. The owner hands the room over first, unless they
    /// are its last member. A direct message cannot be left.
    /// </summary>
    public async Task LeaveAsync(Guid userId, Guid roomId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, membership) = await RoomAccess.RequireMemberAsync(db, roomId, userId, ct);
        RoomAccess.Ensure(RoomAction.Leave, room, membership);
        if (membership.Role == RoomRole.Owner && await db.RoomMembers.AnyAsync(m => m.RoomId == roomId && m.UserId != userId, ct))
            throw new ChatForbiddenException("You own this room. Transfer ownership to another member before leaving.");

        var view = await MemberViewAsync(db, membership, ct);
        if (await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == userId).ExecuteDeleteAsync(ct) == 0) return;
        await bus.PublishAsync(new RoomLeft(userId, roomId, RoomLeftReason.Left), ct);
        await bus.PublishAsync(new RoomMembersChanged(roomId, view, MemberChange.Left), ct);
    }

    /// <summary>
    /// Removes <paramref name="targetId"/> from the room. Moderators and up may remove members whose
    /// role is below theirs; the removal is audited. Every open tab of the removed member loses the room.
    /// </summary>
    public async Task RemoveMemberAsync(Guid actorId, Guid roomId, Guid targetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireManagerAsync(db, roomId, actorId, ct);
        RoomAccess.Ensure(RoomAction.RemoveMember, room, actor);
        var target = await RequireTargetAsync(db, roomId, targetId, ct);
        RoomAccess.EnsureOutranks(actor, target, "remove");

        var view = await MemberViewAsync(db, target, ct);
        db.RoomMembers.Remove(target);
        AuditLog.Record(db, actorId, "member.remove", $"user:{targetId}", clock.GetUtcNow(), roomId);
        await db.SaveChangesAsync(ct);

        await bus.PublishAsync(new RoomLeft(targetId, roomId, RoomLeftReason.Removed), ct);
        await bus.PublishAsync(new RoomMembersChanged(roomId, view, MemberChange.Removed), ct);
    }

    /// <summary>
    /// Gives <paramref name="targetId"/> the role <paramref name="role"/>. Admins and up may change
    /// the roles of members below them, to roles below their own (so only the owner makes admins).
    /// Ownership moves only by <see cref="TransferOwnershipAsync"/>. Audited.
    /// </summary>
    public async Task<RoomMemberView> ChangeRoleAsync(Guid actorId, Guid roomId, Guid targetId, RoomRole role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role)) throw new ChatValidationException("Role", "Pick a role.");
        if (role == RoomRole.Owner) throw new ChatValidationException("Role", "Use Transfer ownership to make someone the owner.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireMemberAsync(db, roomId, actorId, ct);
        RoomAccess.Ensure(RoomAction.ChangeRole, room, actor);
        var target = await RequireTargetAsync(db, roomId, targetId, ct);
        RoomAccess.EnsureOutranks(actor, target, "change the role of");
        if (role >= actor.Role)
            throw new ChatForbiddenException($"You can only give roles below your own ({RoomAccess.RoleName(actor.Role)}).");
        if (target.Role == role) return await MemberViewAsync(db, target, ct);

        var previous = target.Role;
        target.Role = role;
        AuditLog.Record(db, actorId, "member.role", $"user:{targetId}", clock.GetUtcNow(), roomId,
            $"{RoomAccess.RoleName(previous)} → {RoomAccess.RoleName(role)}");
        await db.SaveChangesAsync(ct);

        var view = await MemberViewAsync(db, target, ct);
        await bus.PublishAsync(new RoomMembersChanged(roomId, view, MemberChange.RoleChanged), ct);
        return view;
    }

    /// <summary>
    /// The owner (or a site administrator) hands the room to another member, who becomes the owner;
    /// the previous owner stays on as an admin. Audited.
    /// </summary>
    public async Task TransferOwnershipAsync(Guid ownerId, Guid roomId, Guid newOwnerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (room, actor) = await RoomAccess.RequireManagerAsync(db, roomId, ownerId, ct);
        RoomAccess.Ensure(RoomAction.TransferOwnership, room, actor);
        // The current owner: the actor, or whoever owns the room when a site administrator hands it over.
        var owner = await db.RoomMembers.FirstOrDefaultAsync(m => m.RoomId == roomId && m.Role == RoomRole.Owner, ct)
            ?? throw new ChatNotFoundException("owner");
        if (newOwnerId == owner.UserId) throw new ChatValidationException("NewOwner", "This member owns the room already; pick another member.");
        var target = await RequireTargetAsync(db, roomId, newOwnerId, ct);

        target.Role = RoomRole.Owner;
        owner.Role = RoomRole.Admin;
        AuditLog.Record(db, ownerId, "room.transfer", $"user:{newOwnerId}", clock.GetUtcNow(), roomId);
        await db.SaveChangesAsync(ct);

        await bus.PublishAsync(new RoomMembersChanged(roomId, await MemberViewAsync(db, target, ct), MemberChange.RoleChanged), ct);
        await bus.PublishAsync(new RoomMembersChanged(roomId, await MemberViewAsync(db, owner, ct), MemberChange.RoleChanged), ct);
    }

    /// <summary>The (tracked) membership that an action targets.</summary>
    private static async Task<RoomMember> RequireTargetAsync(ChatDbContext db, Guid roomId, Guid userId, CancellationToken ct) =>
        await db.RoomMembers.SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId, ct)
            ?? throw new ChatNotFoundException("member");
}
