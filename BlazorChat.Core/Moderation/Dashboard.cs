using System.Reflection;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Presence;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace BlazorChat.Core.Moderation;

/// <summary>The dashboard's figures at one moment. <see cref="Rooms"/> counts channels and groups, as the rooms list shows them (direct conversations are not listed).</summary>
public sealed record DashboardFigures(
    int Users, int OnlineNow, int Rooms, int MessagesToday, int MessagesLastMinute, int Nodes,
    bool DatabaseHealthy, string Redis, string Version, int OpenReports);

/// <summary>
/// Live figures for <c>/admin</c> (administrators only). Counts come from the database (indexed
/// by message age), "online now" from the presence tracker (which hears every node), nodes from
/// their heartbeat leases in the database, Redis from the event bus.
/// </summary>
public sealed class Dashboard(
    IDbContextFactory<ChatDbContext> dbFactory, PresenceTracker presence, LeaseStore leases, IEventBusStatus bus, TimeProvider clock)
{
    public async Task<DashboardFigures> GetAsync(Guid actorId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, now, ct);
        var healthy = await db.Database.CanConnectAsync(ct);
        var startOfDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new DashboardFigures(
            Users: await db.Users.CountAsync(u => u.DeletedAt == null, ct),
            OnlineNow: presence.ConnectedPeople,
            Rooms: await db.Rooms.CountAsync(r => r.Kind != RoomKind.DirectMessage, ct),
            MessagesToday: await CountSinceAsync(db, startOfDay, ct),
            MessagesLastMinute: await CountSinceAsync(db, now.AddMinutes(-1), ct),
            Nodes: await leases.CountHeldAsync(NodeHeartbeat.Prefix, ct),
            DatabaseHealthy: healthy,
            Redis: bus.Redis,
            Version: Version,
            OpenReports: await db.MessageReports.CountAsync(r => r.Status == ReportStatus.Open, ct));
    }

    public static string Version { get; } =
        typeof(Dashboard).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    // Raw SQL because SQLite cannot compare times in LINQ; its UTC text timestamps compare as text.
    private static async Task<int> CountSinceAsync(ChatDbContext db, DateTimeOffset since, CancellationToken ct) =>
        (int)await db.Database.SqlQuery<long>($"""SELECT COUNT(*) AS "Value" FROM "Messages" WHERE "CreatedAt" >= {since}""").SingleAsync(ct);
}

/// <summary>Each node keeps a lease named after itself alive, so the dashboard can count the nodes that run.</summary>
internal sealed class NodeHeartbeat(LeaseStore leases) : BackgroundService
{
    public const string Prefix = "node:";
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = Prefix + leases.NodeId;
        using var timer = new PeriodicTimer(Beat);
        do
        {
            try { await leases.TryAcquireAsync(name, 3 * Beat, stoppingToken); }
            catch (Exception) when (!stoppingToken.IsCancellationRequested) { } // the database may be down for a moment; beat again
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await leases.ReleaseAsync(Prefix + leases.NodeId, cancellationToken); } catch (Exception) { }
    }
}
