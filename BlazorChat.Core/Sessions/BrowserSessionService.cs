using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Sessions;

/// <summary>Browser sign-ins of <paramref name="UserId"/> were ended: tabs of those sessions leave at once.</summary>
public sealed record BrowserSessionsRevoked(Guid UserId, IReadOnlyList<Guid> SessionIds) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>A sign-in as the person sees it in their settings.</summary>
public sealed record BrowserSessionView(Guid Id, string Device, string? Address, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool IsCurrent);

/// <summary>
/// The browser sign-ins of each person: recorded at sign-in, checked (and their last use noted)
/// whenever the cookie is revalidated, listed in settings, and ended one by one, all but the
/// current one, or at sign-out.
/// </summary>
public sealed class BrowserSessionService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    /// <summary>Records a new sign-in and returns its id, which the cookie carries.</summary>
    public async Task<Guid> StartAsync(Guid userId, string? userAgent, string? address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var session = new BrowserSession
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = Clip(userAgent, BrowserSession.UserAgentMaxLength),
            Address = Clip(address, BrowserSession.AddressMaxLength),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.BrowserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// True while the session exists, belongs to <paramref name="userId"/> and was not ended; notes
    /// its use. One statement: the update finds the row only when it is still active.
    /// </summary>
    public async Task<bool> TouchAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.BrowserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct) == 1;
    }

    /// <summary>True while the session is active (no write).</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BrowserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, ct);
    }

    /// <summary>The active sign-ins of <paramref name="userId"/>, the current one first, then the most recently used.</summary>
    public async Task<IReadOnlyList<BrowserSessionView>> ListAsync(Guid userId, Guid? currentSessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = await db.BrowserSessions.AsNoTracking().Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(ct);
        return sessions
            .Select(s => new BrowserSessionView(s.Id, DeviceNames.Describe(s.UserAgent), s.Address, s.CreatedAt, s.LastSeenAt, s.Id == currentSessionId))
            .OrderByDescending(s => s.IsCurrent).ThenByDescending(s => s.LastSeenAt)
            .ToList();
    }

    /// <summary>Signs out one session of <paramref name="userId"/> (at sign-out, or from the list). Someone else's session is not found.</summary>
    public async Task RevokeAsync(Guid userId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revoked = await db.BrowserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), ct);
        if (revoked == 0) throw new ChatNotFoundException("session");
        await bus.PublishAsync(new BrowserSessionsRevoked(userId, [sessionId]), ct);
    }

    /// <summary>
    /// Ends the session at sign-out; nothing happens when it already ended. No news is sent: the
    /// browser signing out has cleared its cookie already, and a tab that is on its way to the
    /// signed-out page must not be sent there a second time.
    /// </summary>
    public async Task EndAsync(Guid userId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.BrowserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// "Sign out everywhere else": ends every browser session of <paramref name="userId"/> but
    /// <paramref name="currentSessionId"/>, and every API sign-in (apps and scripts signed in with
    /// a password; personal access tokens stay, they are revoked on their own page), in one
    /// transaction. Returns how many sign-ins ended.
    /// </summary>
    public async Task<int> RevokeOthersAsync(Guid userId, Guid currentSessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.BrowserSessions.AnyAsync(s => s.Id == currentSessionId && s.UserId == userId && s.RevokedAt == null, ct))
            throw new ChatForbiddenException("This sign-in has ended; log in again.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var browsers = await db.BrowserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != currentSessionId)
            .Select(s => s.Id).ToListAsync(ct);
        var apps = await db.ApiSessions.Where(s => s.UserId == userId && s.RevokedAt == null).Select(s => s.Id).ToListAsync(ct);
        await db.BrowserSessions.Where(s => browsers.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        await db.ApiSessions.Where(s => apps.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
        await transaction.CommitAsync(ct);

        if (browsers.Count > 0) await bus.PublishAsync(new BrowserSessionsRevoked(userId, browsers), ct);
        foreach (var app in apps) await bus.PublishAsync(new ApiCredentialRevoked(userId, app), ct);
        return browsers.Count + apps.Count;
    }

    private static string? Clip(string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length > max ? value[..max] : value;
}
