using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.ApiAccess;

/// <summary>
/// Sign-ins of API clients. The bearer tokens themselves are self-contained; this is what makes
/// them revocable: every request and every refresh asks whether the session is still active.
/// </summary>
public sealed class ApiSessionService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock)
{
    /// <summary>Records a new sign-in of <paramref name="userId"/> and returns its id, which its tokens carry.</summary>
    public async Task<Guid> StartAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var session = new ApiSession { Id = Guid.CreateVersion7(now), UserId = userId, CreatedAt = now, RefreshedAt = now };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>True while the session exists, belongs to <paramref name="userId"/>, was not revoked, and the account is not suspended.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One lookup per request: the session with its account (a banned account's sessions stop at once).
        var user = await (
            from s in db.ApiSessions
            where s.Id == sessionId && s.UserId == userId && s.RevokedAt == null
            join u in db.Users on s.UserId equals u.Id
            select u).AsNoTracking().SingleOrDefaultAsync(ct);
        return user is not null && AccountStanding.Refusal(user, clock.GetUtcNow()) is null;
    }

    /// <summary>Notes a refresh of an active session; false when the session was revoked (the refresh must be refused).</summary>
    public async Task<bool> RefreshAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refreshed = await db.ApiSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshedAt, clock.GetUtcNow()), ct);
        return refreshed == 1;
    }

    /// <summary>Revokes the session (signing out): its access and refresh tokens stop working and its hub connections close.</summary>
    public async Task RevokeAsync(Guid userId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var revoked = await db.ApiSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), ct);
        if (revoked == 1) await bus.PublishAsync(new ApiCredentialRevoked(userId, sessionId), ct);
    }
}
