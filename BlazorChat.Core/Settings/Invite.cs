using System.Security.Cryptography;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Settings;

/// <summary>An invite link: while registration is invite-only, its code lets a limited number of people register.</summary>
public class Invite
{
    public const int CodeLength = 24;

    public string Code { get; set; } = "";
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int MaxUses { get; set; }
    public int Uses { get; set; }

    public bool IsUsable(DateTimeOffset now) => Uses < MaxUses && (ExpiresAt is not { } end || end > now);
}

internal sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> invite)
    {
        invite.ToTable("Invites");
        invite.HasKey(i => i.Code);
        invite.Property(i => i.Code).HasMaxLength(Invite.CodeLength);
        invite.HasIndex(i => i.CreatedById);
        invite.HasOne<ChatUser>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Creating and revoking invite links (administrators), and redeeming them at registration.</summary>
public sealed class InviteService(IDbContextFactory<ChatDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxUsesLimit = 1000;

    /// <summary>Creates an invite usable <paramref name="maxUses"/> times, for <paramref name="validDays"/> days (null: no end).</summary>
    public async Task<Invite> CreateAsync(Guid actorId, int maxUses, int? validDays, CancellationToken ct = default)
    {
        if (maxUses is < 1 or > MaxUsesLimit) throw new ChatValidationException("MaxUses", $"An invite is good for 1 to {MaxUsesLimit} people.");
        if (validDays is < 1 or > 365) throw new ChatValidationException("ValidDays", "An invite is valid for 1 to 365 days.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, now, ct);
        var invite = new Invite
        {
            Code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Invite.CodeLength / 2)),
            CreatedById = actorId,
            CreatedAt = now,
            ExpiresAt = validDays is { } days ? now.AddDays(days) : null,
            MaxUses = maxUses,
        };
        db.Invites.Add(invite);
        AuditLog.Record(db, actorId, "invite.create", $"invite:{invite.Code[..6]}…", now, reason: $"{maxUses} uses");
        await db.SaveChangesAsync(ct);
        return invite;
    }

    /// <summary>The invites that can still be used, newest first.</summary>
    public async Task<IReadOnlyList<Invite>> ListAsync(Guid actorId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, now, ct);
        var all = await db.Invites.AsNoTracking().Where(i => i.Uses < i.MaxUses).ToListAsync(ct);
        return [.. all.Where(i => i.IsUsable(now)).OrderByDescending(i => i.CreatedAt)];
    }

    public async Task RevokeAsync(Guid actorId, string code, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, now, ct);
        var invite = await db.Invites.SingleOrDefaultAsync(i => i.Code == code, ct) ?? throw new ChatNotFoundException("invite");
        db.Invites.Remove(invite);
        AuditLog.Record(db, actorId, "invite.revoke", $"invite:{code[..Math.Min(6, code.Length)]}…", now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether <paramref name="code"/> can still be used, without using it.</summary>
    public async Task<bool> IsUsableAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invite = await db.Invites.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct);
        return invite is not null && invite.IsUsable(clock.GetUtcNow());
    }

    /// <summary>Uses <paramref name="code"/> once; false when it is unknown, used up or expired. The increment is conditional, so racing registrations cannot overuse it.</summary>
    internal async Task<bool> TryRedeemAsync(string? code, CancellationToken ct)
    {
        if (!await IsUsableAsync(code, ct)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invites.Where(i => i.Code == code && i.Uses < i.MaxUses)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.Uses, x => x.Uses + 1), ct) == 1;
    }
}
