using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Core.Data;

/// <summary>
/// Applies migrations and seeds the site roles before the server takes requests. EF Core takes
/// a migration lock itself, so nodes starting together migrate once.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<ChatDbContext> dbFactory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while a message is being written.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migrations: {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        foreach (var role in SiteRoles.All)
        {
            var normalized = role.ToUpperInvariant();
            if (await db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken)) continue;
            db.Roles.Add(new IdentityRole<Guid> { Id = Guid.CreateVersion7(), Name = role, NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() });
            try { await db.SaveChangesAsync(cancellationToken); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); } // another node seeded it first
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
