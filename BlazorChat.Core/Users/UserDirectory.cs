using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Users;

/// <summary>A person as pickers and lists show them.</summary>
public sealed record UserSummary(Guid Id, string Username, string DisplayName);

/// <summary>What anyone signed in may see of a person.</summary>
public sealed record UserProfile(Guid Id, string Username, string DisplayName, DateTimeOffset CreatedAt);

/// <summary>Finding people to talk to or to add to a room.</summary>
public sealed class UserDirectory(IDbContextFactory<ChatDbContext> dbFactory)
{
    /// <summary>The most results one search returns.</summary>
    public const int MaxResults = 20;

    /// <summary>A person's public profile; not found when there is no such account.</summary>
    public async Task<UserProfile> GetProfileAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserProfile(u.Id, u.UserName!, u.DisplayName, u.CreatedAt)).SingleOrDefaultAsync(ct)
            ?? throw new ChatNotFoundException("user");
    }

    /// <summary>
    /// People whose username or display name contains <paramref name="query"/> (ignoring case and a
    /// leading @), those starting with it first, then by display name. The viewer is left out: one
    /// does not start a conversation with oneself.
    /// </summary>
    public async Task<IReadOnlyList<UserSummary>> SearchAsync(Guid viewerId, string? query, int limit = MaxResults, CancellationToken ct = default)
    {
        var term = (query ?? "").Trim().TrimStart('@').Trim();
        if (term.Length == 0) return [];
        limit = Math.Clamp(limit, 1, MaxResults);
        var lower = term.ToLowerInvariant();
        var upper = term.ToUpperInvariant();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking()
            .Where(u => u.Id != viewerId && (u.NormalizedUserName!.Contains(upper) || u.DisplayName.ToLower().Contains(lower)))
            .OrderBy(u => u.NormalizedUserName!.StartsWith(upper) || u.DisplayName.ToLower().StartsWith(lower) ? 0 : 1)
            .ThenBy(u => u.DisplayName)
            .ThenBy(u => u.NormalizedUserName)
            .Take(limit)
            .Select(u => new UserSummary(u.Id, u.UserName!, u.DisplayName))
            .ToListAsync(ct);
    }
}
