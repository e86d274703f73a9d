using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Moderation;

/// <summary>How an account stands, as the users table shows it.</summary>
public enum AccountStatus
{
    Active,
    Banned,
    Deactivated,
    Deleted,
}

/// <summary>A row of the users table.</summary>
public sealed record AdminUserRow(
    Guid Id, string Username, string DisplayName, string Email, SiteRole Role, AccountStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt, DateTimeOffset? BannedUntil, string? BanReason, int Messages);

/// <summary>
/// The users part of <c>/admin</c>: searching and paging accounts, changing site roles, banning,
/// deactivating and deleting. Every method checks the actor's site role; each change is audited in
/// its transaction, and a sanction changes the security stamp and tells the person's open tabs,
/// which sign out at once.
/// </summary>
public sealed class UserAdministration(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    /// <summary>Accounts whose username, display name or email contains the search, paged and sorted.</summary>
    public async Task<Page<AdminUserRow>> SearchAsync(Guid actorId, PageRequest request, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Sanction, now, ct);
        var query = db.Users.AsNoTracking();
        var term = request.Term;
        if (term.Length > 0)
        {
            var upper = term.ToUpperInvariant();
            var lower = term.ToLowerInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
        }
        var total = await query.CountAsync(ct);
        // Ids are time-ordered (version 7), so they sort by joining date on both databases.
        query = (request.SortBy, request.Descending) switch
        {
            ("Username", false) => query.OrderBy(u => u.NormalizedUserName),
            ("Username", true) => query.OrderByDescending(u => u.NormalizedUserName),
            ("DisplayName", false) => query.OrderBy(u => u.DisplayName),
            ("DisplayName", true) => query.OrderByDescending(u => u.DisplayName),
            ("Email", false) => query.OrderBy(u => u.NormalizedEmail),
            ("Email", true) => query.OrderByDescending(u => u.NormalizedEmail),
            // "CreatedAt" (the joining date) and no order both sort by id.
            (_, false) => query.OrderBy(u => u.Id),
            (_, true) => query.OrderByDescending(u => u.Id),
        };
        var users = await query.Skip(request.SafeSkip).Take(request.SafeTake).ToListAsync(ct);
        return new Page<AdminUserRow>(await RowsAsync(db, users, now, ct), total);
    }

    /// <summary>One account, for its detail view.</summary>
    public async Task<AdminUserRow> GetAsync(Guid actorId, Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Sanction, now, ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("user");
        return (await RowsAsync(db, [user], now, ct))[0];
    }

    /// <summary>Gives <paramref name="userId"/> the site role <paramref name="role"/>. Administrators only, never themselves (so one always remains).</summary>
    public async Task ChangeRoleAsync(Guid actorId, Guid userId, SiteRole role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role)) throw new ChatValidationException("Role", "Pick a site role.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, now, ct);
        if (actorId == userId) throw new ChatForbiddenException("You cannot change your own site role.");
        var user = await RequireLiveUserAsync(db, userId, ct);
        var previous = await SiteAccess.RoleOfAsync(db, userId, ct);
        if (previous == role) return;

        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        await db.UserRoles.Where(ur => ur.UserId == userId).ExecuteDeleteAsync(ct);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = userId, RoleId = roleIds[SiteAccess.NameOf(role)] });
        // A new stamp makes the person's sign-in pick up the new role.
        user.SecurityStamp = Guid.NewGuid().ToString();
        AuditLog.Record(db, actorId, "user.role", Target(user), now, reason: $"{SiteAccess.NameOf(previous)} → {SiteAccess.NameOf(role)}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Bans <paramref name="userId"/> for <paramref name="duration"/> (null: until unbanned), giving a
    /// reason. Site moderators and administrators, on people below them. The person's open tabs
    /// sign out at once and sign-in is refused until the ban ends.
    /// </summary>
    public async Task BanAsync(Guid actorId, Guid userId, string reason, TimeSpan? duration, CancellationToken ct = default)
    {
        reason = RequireReason(reason);
        if (duration is { } d && d <= TimeSpan.Zero) throw new ChatValidationException("Duration", "A ban lasts a positive time.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await RequireSanctionableAsync(db, actorId, userId, SiteAction.Sanction, "ban", now, ct);
        ApplyBan(db, user, actorId, reason, duration, now);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new AccountSuspended(userId, AccountStanding.Refusal(user, now)!), ct);
    }

    /// <summary>Records a ban on a tracked user (the report queue bans through this too).</summary>
    internal static void ApplyBan(ChatDbContext db, ChatUser user, Guid actorId, string reason, TimeSpan? duration, DateTimeOffset now)
    {
        user.BannedAt = now;
        user.BannedUntil = duration is { } d ? now + d : null;
        user.BanReason = reason;
        user.SecurityStamp = Guid.NewGuid().ToString();
        AuditLog.Record(db, actorId, "user.ban", Target(user), now,
            reason: $"{reason} ({(duration is { } length ? $"for {length.TotalHours:0.##} h" : "without end")})");
    }

    /// <summary>Lifts a ban. Site moderators and administrators.</summary>
    public async Task UnbanAsync(Guid actorId, Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await RequireSanctionableAsync(db, actorId, userId, SiteAction.Sanction, "unban", now, ct);
        if (user.BannedAt is null) return;
        user.BannedAt = null;
        user.BannedUntil = null;
        user.BanReason = null;
        AuditLog.Record(db, actorId, "user.unban", Target(user), now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deactivates an account (or reactivates it): it keeps everything but cannot sign in. Administrators only.</summary>
    public async Task SetDeactivatedAsync(Guid actorId, Guid userId, bool deactivated, string? reason = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await RequireSanctionableAsync(db, actorId, userId, SiteAction.Administer, deactivated ? "deactivate" : "reactivate", now, ct);
        if ((user.DeactivatedAt is not null) == deactivated) return;
        user.DeactivatedAt = deactivated ? now : null;
        user.SecurityStamp = Guid.NewGuid().ToString();
        AuditLog.Record(db, actorId, deactivated ? "user.deactivate" : "user.reactivate", Target(user), now, reason: Trimmed(reason));
        await db.SaveChangesAsync(ct);
        if (deactivated) await bus.PublishAsync(new AccountSuspended(userId, AccountStanding.Refusal(user, now)!), ct);
    }

    /// <summary>
    /// Deletes an account. Administrators only. The row stays, stripped of every personal detail
    /// and unable to sign in, so its messages show "Deleted user"; with <paramref name="removeMessages"/>
    /// its messages are removed as well. Memberships, reactions and saved messages go.
    /// </summary>
    public async Task DeleteAsync(Guid actorId, Guid userId, bool removeMessages, string? reason = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await RequireSanctionableAsync(db, actorId, userId, SiteAction.Administer, "delete", now, ct);
        if (user.DeletedAt is not null) return;

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (removeMessages)
            {
                var ids = await db.Messages.Where(m => m.AuthorId == userId).Select(m => m.Id).ToListAsync(ct);
                foreach (var batch in ids.Chunk(MessageRemoval.BatchSize)) await MessageRemoval.DeleteAsync(db, batch, now, ct);
            }
            await db.RoomMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct);
            await db.Reactions.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
            await db.SavedMessages.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
            await db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<Guid>>().Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);

            var placeholder = $"deleted-{userId:N}"[..20];
            AuditLog.Record(db, actorId, removeMessages ? "user.delete+messages" : "user.delete", Target(user), now, reason: Trimmed(reason));
            user.UserName = placeholder;
            user.NormalizedUserName = placeholder.ToUpperInvariant();
            user.Email = null;
            user.NormalizedEmail = null;
            user.DisplayName = "Deleted user";
            user.Bio = null;
            user.TimeZone = null;
            user.PasswordHash = null;
            user.PhoneNumber = null;
            user.TwoFactorEnabled = false;
            user.DeletedAt = now;
            user.SecurityStamp = Guid.NewGuid().ToString();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        // REVIEW: open room views keep showing removed messages until they reload their history.
        await bus.PublishAsync(new AccountSuspended(userId, "This account was deleted."), ct);
    }

    private async Task<List<AdminUserRow>> RowsAsync(ChatDbContext db, List<ChatUser> users, DateTimeOffset now, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var counts = await db.Messages.Where(m => ids.Contains(m.AuthorId)).GroupBy(m => m.AuthorId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. users.Select(u => new AdminUserRow(
            u.Id, u.UserName ?? "", u.DisplayName, u.Email ?? "",
            roles.Where(r => r.UserId == u.Id).Select(r => SiteAccess.Parse(r.Name)).DefaultIfEmpty(SiteRole.Member).Max(),
            StatusOf(u, now), u.CreatedAt, u.LastSeenAt, u.BannedUntil, u.BanReason, counts.GetValueOrDefault(u.Id)))];
    }

    public static AccountStatus StatusOf(ChatUser user, DateTimeOffset now) =>
        user.DeletedAt is not null ? AccountStatus.Deleted
        : user.DeactivatedAt is not null ? AccountStatus.Deactivated
        : AccountStanding.IsBanned(user, now) ? AccountStatus.Banned
        : AccountStatus.Active;

    /// <summary>The (tracked) target, after checking that the actor may do <paramref name="action"/> and outranks them.</summary>
    internal static async Task<ChatUser> RequireSanctionableAsync(ChatDbContext db, Guid actorId, Guid userId, SiteAction action, string whatFor, DateTimeOffset now, CancellationToken ct)
    {
        var actorRole = await SiteAccess.RequireAsync(db, actorId, action, now, ct);
        var user = await RequireLiveUserAsync(db, userId, ct);
        SiteAccess.EnsureOutranks(actorId, actorRole, userId, await SiteAccess.RoleOfAsync(db, userId, ct), whatFor);
        return user;
    }

    private static async Task<ChatUser> RequireLiveUserAsync(ChatDbContext db, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw new ChatNotFoundException("user");
        return user.DeletedAt is null ? user : throw new ChatForbiddenException("This account was deleted.");
    }

    internal static string RequireReason(string? reason)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new ChatValidationException("Reason", "Give a reason.");
        if (reason.Length > AuditEntry.ReasonMaxLength) throw new ChatValidationException("Reason", $"A reason has at most {AuditEntry.ReasonMaxLength} characters.");
        return reason;
    }

    private static string? Trimmed(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : RequireReason(reason);

    internal static string Target(ChatUser user) => $"user:{user.Id} @{user.UserName}";
}
