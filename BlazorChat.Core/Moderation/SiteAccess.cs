using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Moderation;

/// <summary>Site roles ordered by power: a higher value may do what a lower one may.</summary>
public enum SiteRole
{
    Member = 0,
    Moderator = 1,
    Administrator = 2,
}

/// <summary>What the administration pages and the moderation tools let people do.</summary>
public enum SiteAction
{
    /// <summary>The dashboard, users, rooms, audit log and settings under <c>/admin</c>.</summary>
    Administer,

    /// <summary>The report queue and its actions (dismiss, delete, warn, mute).</summary>
    HandleReports,

    /// <summary>Banning and unbanning people.</summary>
    Sanction,
}

/// <summary>
/// The one place that decides what site roles allow: administrators everything, site moderators
/// reports and sanctions, members none of it. Services call <see cref="RequireAsync"/> on every
/// operation; pages ask <see cref="Refusal"/> what to offer.
/// </summary>
public static class SiteAccess
{
    /// <summary>Why someone with <paramref name="role"/> may not do <paramref name="action"/>, or null when they may.</summary>
    public static string? Refusal(SiteAction action, SiteRole role) => action switch
    {
        SiteAction.Administer when role < SiteRole.Administrator => "Only administrators can do this.",
        SiteAction.HandleReports or SiteAction.Sanction when role < SiteRole.Moderator => "Only site moderators and administrators can do this.",
        _ => null,
    };

    public static SiteRole Parse(string? roleName) => roleName switch
    {
        SiteRoles.Administrator => SiteRole.Administrator,
        SiteRoles.Moderator => SiteRole.Moderator,
        _ => SiteRole.Member,
    };

    public static string NameOf(SiteRole role) => role switch
    {
        SiteRole.Administrator => SiteRoles.Administrator,
        SiteRole.Moderator => SiteRoles.Moderator,
        _ => SiteRoles.Member,
    };

    /// <summary>The highest site role of <paramref name="userId"/> (Member when they hold none).</summary>
    internal static async Task<SiteRole> RoleOfAsync(ChatDbContext db, Guid userId, CancellationToken ct)
    {
        var names = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name).ToListAsync(ct);
        return names.Count == 0 ? SiteRole.Member : names.Max(Parse);
    }

    /// <summary>The caller's site role, refusing anyone whose account is not in good standing or who may not do <paramref name="action"/>.</summary>
    internal static async Task<SiteRole> RequireAsync(ChatDbContext db, Guid actorId, SiteAction action, DateTimeOffset now, CancellationToken ct)
    {
        var actor = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actorId, ct)
            ?? throw new ChatForbiddenException("Sign in first.");
        if (AccountStanding.Refusal(actor, now) is not null) throw new ChatForbiddenException("Your account may not do this.");
        var role = await RoleOfAsync(db, actorId, ct);
        if (Refusal(action, role) is { } refusal) throw new ChatForbiddenException(refusal);
        return role;
    }

    /// <summary>Refuses acting on oneself or on someone whose site role is not below the actor's.</summary>
    internal static void EnsureOutranks(Guid actorId, SiteRole actorRole, Guid targetId, SiteRole targetRole, string whatFor)
    {
        if (actorId == targetId) throw new ChatForbiddenException($"You cannot {whatFor} yourself.");
        if (targetRole >= actorRole) throw new ChatForbiddenException($"You can only {whatFor} people whose site role is below yours.");
    }
}
