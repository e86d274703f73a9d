using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Core.Retention;

/// <summary>
/// Deletes messages older than their room's retention (or the site's default when the room sets
/// none), oldest first, in batches, holding the "retention" lease so that one node sweeps at a time.
/// </summary>
public sealed class RetentionSweeper(
    IDbContextFactory<ChatDbContext> dbFactory,
    SiteSettingsService settings,
    LeaseStore leases,
    TimeProvider clock,
    ILogger<RetentionSweeper> logger)
{
    public const string LeaseName = "job:retention";
    private static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(5);

    /// <summary>Sweeps every room once; returns how many messages were deleted, or null when another node holds the lease.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken ct = default)
    {
        if (!await leases.TryAcquireAsync(LeaseName, LeaseLength, ct)) return null;
        try
        {
            var defaultDays = (await settings.GetAsync(ct)).DefaultRetentionDays;
            var now = clock.GetUtcNow();
            var deleted = 0;
            List<(Guid Id, int? Days)> rooms;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                rooms = [.. (await db.Rooms.AsNoTracking().Where(r => r.RetentionDays != null || defaultDays != null)
                    .Select(r => new { r.Id, r.RetentionDays }).ToListAsync(ct)).Select(r => (r.Id, r.RetentionDays))];
            foreach (var (roomId, days) in rooms)
            {
                if ((days ?? defaultDays) is not { } keep) continue;
                deleted += await SweepRoomAsync(roomId, now.AddDays(-keep), ct);
                await leases.TryAcquireAsync(LeaseName, LeaseLength, ct); // still working: keep the lease
            }
            if (deleted > 0) logger.LogInformation("Retention deleted {Count} messages", deleted);
            return deleted;
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, CancellationToken.None);
        }
    }

    private async Task<int> SweepRoomAsync(Guid roomId, DateTimeOffset cutoff, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Raw SQL because SQLite cannot compare times in LINQ; its text timestamps (all UTC)
            // compare correctly as text, PostgreSQL compares timestamptz. Blanked thread roots
            // are taken again only once their replies are gone, so a batch always makes progress.
            var ids = await db.Database.SqlQuery<Guid>($"""
                SELECT m."Id" AS "Value" FROM "Messages" AS m
                WHERE m."RoomId" = {roomId} AND m."CreatedAt" < {cutoff}
                  AND (m."Body" <> '' OR NOT EXISTS (SELECT 1 FROM "Messages" AS r WHERE r."ThreadRootId" = m."Id"))
                ORDER BY m."Seq"
                LIMIT {MessageRemoval.BatchSize}
                """).ToListAsync(ct);
            // Every selected message is deleted or blanked (once), so this ends; a root whose last
            // replies went in this batch is taken by the next one.
            if (ids.Count == 0) return deleted;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            deleted += await MessageRemoval.DeleteAsync(db, ids, clock.GetUtcNow(), ct);
            await transaction.CommitAsync(ct);
        }
    }
}
