using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Data;

/// <summary>
/// Brings the schema up to date and seeds the site roles before the server takes requests. Nodes
/// starting together migrate once: on PostgreSQL the whole check-and-migrate runs under a
/// session advisory lock (EF Core's own migration lock was seen to let two nodes apply the same
/// migration), on SQLite under EF Core's <c>__EFMigrationsLock</c> (ADR-010). A database built by the
/// hand-written migrations of earlier versions gets the generated baseline's name in its history
/// instead of theirs (ADR-017), in one transaction that changes nothing else. A node refuses to start when the database
/// has migrations this build does not know (a newer version migrated it), and, with
/// <c>Database:MigrateOnStart=false</c>, when migrations are pending.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<ChatDbContext> dbFactory, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
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
        if (db.Database.IsNpgsql())
        {
            await using var migrationLock = await PostgresMigrationLock.TakeAsync(db, cancellationToken);
            await BringSchemaUpToDateAsync(db, cancellationToken);
        }
        else await BringSchemaUpToDateAsync(db, cancellationToken);

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

    private async Task BringSchemaUpToDateAsync(ChatDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var hasHistory = await HistoryExistsAsync(db, cancellationToken);
        if (hasHistory) await AdoptHandWrittenHistoryAsync(db, baseline: known[0], cancellationToken);
        var applied = hasHistory ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList() : [];

        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw Refuse($"The database was migrated by a newer version of BlazorChat: it has {unknown.Count} migration(s) this " +
                         $"version does not know ({string.Join(", ", unknown)}). Start the newer version, or restore a backup " +
                         "taken before the upgrade.");

        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        if (pending.Count == 0) return;
        if (!options.Value.MigrateOnStart)
            throw Refuse($"The database schema is older than this version of BlazorChat: {pending.Count} migration(s) are not " +
                         $"applied ({string.Join(", ", pending)}) and Database:MigrateOnStart is false. Start one node with " +
                         "Database:MigrateOnStart=true to apply them, then start the others.");

        // Other nodes may be doing the same right now: MigrateAsync takes EF Core's migration lock,
        // reads the applied migrations again under it and applies only what is still missing.
        logger.LogInformation("Applying up to {Count} database migrations: {Migrations}", pending.Count, string.Join(", ", pending));
        // An empty history table first: EF reads it before it would create it, which on PostgreSQL logs an error.
        if (!hasHistory) await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the migration history table is there. Npgsql's history repository always answers yes
    /// and reads the table, catching "does not exist", which logs an error for every read of a new
    /// database; <c>to_regclass</c> resolves the name through the same <c>search_path</c> as EF's
    /// unqualified statements and answers null instead.
    /// </summary>
    private static async Task<bool> HistoryExistsAsync(ChatDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!db.Database.IsNpgsql()) return await history.ExistsAsync(cancellationToken);
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(HistoryRepository.DefaultTableName);
        return await db.Database.SqlQuery<bool>($"SELECT to_regclass({table}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);
    }

    /// <summary>
    /// The hand-written migrations built exactly the schema the generated baseline builds (the
    /// upgrade tests compare the two), so a database that has all of them only needs its history to
    /// say so. One that stopped earlier is refused: the steps in between are no longer shipped.
    /// </summary>
    private async Task AdoptHandWrittenHistoryAsync(ChatDbContext db, string baseline, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        // SQLite's transaction takes the write lock before reading, so two processes cannot both rewrite.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToList();
        var handWritten = applied.Intersect(ChatMigrations.HandWritten, StringComparer.Ordinal).ToList();
        if (handWritten.Count == 0) return;
        var last = ChatMigrations.HandWritten[^1];
        if (!handWritten.Contains(last, StringComparer.Ordinal))
            throw Refuse($"The database was migrated by an old version of BlazorChat, up to {handWritten.Max(StringComparer.Ordinal)}. " +
                         $"This version upgrades databases that have every hand-written migration up to {last}: start the last " +
                         "version with hand-written migrations (BlazorChat.Core/Data/Migrations) once to bring the schema there, " +
                         "then start this version.");

        logger.LogInformation("Recording the hand-written migrations {Migrations} as the baseline {Baseline}; the schema is unchanged",
            string.Join(", ", handWritten), baseline);
        foreach (var id in handWritten) await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
        if (!applied.Contains(baseline, StringComparer.Ordinal))
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private DatabaseSchemaException Refuse(string reason)
    {
        logger.LogCritical("Refusing to start: {Reason}", reason);
        return new DatabaseSchemaException(reason);
    }
}

/// <summary>
/// A PostgreSQL session advisory lock held on the context's connection while one node migrates;
/// the others wait for it, then find nothing left to apply. Creates the database first if it is
/// missing (another node creating it at the same moment is fine).
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    // The key is "BlazChMg" in ASCII; advisory locks are per database, so one key serves every installation.
    private const string Lock = "SELECT pg_advisory_lock(4786307681732808039)";
    private const string Unlock = "SELECT pg_advisory_unlock(4786307681732808039)";

    private readonly ChatDbContext _db;

    private PostgresMigrationLock(ChatDbContext db) => _db = db;

    public static async Task<PostgresMigrationLock> TakeAsync(ChatDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try { await creator.CreateAsync(cancellationToken); }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase) { }
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Lock, cancellationToken);
        return new PostgresMigrationLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.Database.ExecuteSqlRawAsync(Unlock);
        await _db.Database.CloseConnectionAsync();
    }
}

/// <summary>The database schema does not fit this build, so the node does not start.</summary>
public sealed class DatabaseSchemaException(string message) : Exception(message);
