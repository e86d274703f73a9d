using System.Security.Cryptography;
using System.Text;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.ApiAccess;

/// <summary>A personal access token as its owner's settings list it (never with its secret).</summary>
public sealed record PersonalAccessTokenView(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt);

/// <summary>A token just created: the only time its <see cref="Secret"/> is known.</summary>
public sealed record CreatedPersonalAccessToken(PersonalAccessTokenView Token, string Secret);

/// <summary>
/// Who a personal access token speaks for: everything a request's sign-in needs (name, site roles,
/// Identity lockout), read with the token so that authenticating costs one query.
/// </summary>
public readonly record struct PersonalAccessTokenOwner(Guid UserId, Guid TokenId, string UserName, IReadOnlyList<string> Roles, bool IsLockedOut);

/// <summary>
/// Personal access tokens: created and revoked by their owner, stored as hashes, checked on every
/// request. A secret starts with <see cref="SecretPrefix"/> so that it is recognisable (in a leaked
/// log, in a header) and cannot be mistaken for a sign-in token.
/// </summary>
public sealed class PersonalAccessTokenService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    public const string SecretPrefix = "bcpat_";

    /// <summary>The most active tokens one person may hold.</summary>
    public const int MaxActivePerUser = 20;

    /// <summary>The longest a token may live; without an expiry it lives until revoked.</summary>
    public const int MaxLifetimeDays = 3650;

    // Writing "last used" on every request would turn every read into a write.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a token for <paramref name="userId"/>; the returned secret is shown once and never stored.</summary>
    public async Task<CreatedPersonalAccessToken> CreateAsync(Guid userId, string? name, int? lifetimeDays, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new ChatValidationException("Name", "Give the token a name, so you recognise it later.");
        if (name.Length > PersonalAccessToken.NameMaxLength)
            throw new ChatValidationException("Name", $"A token name has at most {PersonalAccessToken.NameMaxLength} characters.");
        if (lifetimeDays is < 1 or > MaxLifetimeDays)
            throw new ChatValidationException("LifetimeDays", $"A token lives between 1 and {MaxLifetimeDays:N0} days, or until revoked.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var active = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null)
            .Select(t => t.ExpiresAt).ToListAsync(ct);
        if (active.Count(expires => expires is null || expires > now) >= MaxActivePerUser)
            throw new ChatLimitException($"You have {MaxActivePerUser} active tokens, the most one person may. Revoke one you no longer use first.");

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name,
            TokenHash = Hash(secret),
            Prefix = secret[..PersonalAccessToken.PrefixLength],
            CreatedAt = now,
            ExpiresAt = lifetimeDays is { } days ? now.AddDays(days) : null,
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedPersonalAccessToken(ToView(token), secret);
    }

    /// <summary>The owner's tokens that still work, newest first.</summary>
    public async Task<IReadOnlyList<PersonalAccessTokenView>> ListAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null)
            .OrderByDescending(t => t.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        // Expiry compared here: SQLite cannot compare times in a query.
        return [.. tokens.Where(t => t.ExpiresAt is null || t.ExpiresAt > now).Select(ToView)];
    }

    /// <summary>Revokes one of the owner's tokens; requests with it are refused from now on and its hub connections close.</summary>
    public async Task RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revoked = await db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), ct);
        if (revoked == 0) throw new ChatNotFoundException("token");
        await bus.PublishAsync(new ApiCredentialRevoked(userId, tokenId), ct);
    }

    /// <summary>Whose token <paramref name="secret"/> is, or null when it is unknown, revoked or expired, or its account is suspended.</summary>
    public async Task<PersonalAccessTokenOwner?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One lookup per request: the token with its account (a banned account's tokens stop at once)
        // and the account's site roles, one row per role.
        var rows = await (
            from t in db.PersonalAccessTokens
            where t.TokenHash == hash
            join u in db.Users on t.UserId equals u.Id
            from ur in db.UserRoles.Where(ur => ur.UserId == u.Id).DefaultIfEmpty()
            from r in db.Roles.Where(r => r.Id == ur.RoleId).DefaultIfEmpty()
            select new { Token = t, User = u, Role = r.Name }).AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow();
        if (rows is not [{ Token: var token, User: var user }, ..] || token.RevokedAt is not null || token.ExpiresAt <= now) return null;
        if (AccountStanding.Refusal(user, now) is not null) return null;
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), ct);
        // Identity's rule (UserManager.IsLockedOutAsync): locked while lockout is enabled and its end is not past.
        var lockedOut = user.LockoutEnabled && user.LockoutEnd >= now;
        return new PersonalAccessTokenOwner(token.UserId, token.Id, user.UserName ?? "",
            [.. rows.Select(row => row.Role).OfType<string>().Distinct()], lockedOut);
    }

    private static PersonalAccessTokenView ToView(PersonalAccessToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt);

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
