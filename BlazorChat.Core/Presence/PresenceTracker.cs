using System.Collections.Concurrent;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Core.Presence;

/// <summary>
/// Counts each person's open tabs and connections on this node and publishes what others may see
/// whenever it changes. A sweep turns idle people "away" without any news from their browser.
/// </summary>
/// <remarks>
/// REVIEW: per node; across nodes presence is aggregated through the Redis bus (scale-out work).
/// An entry stays after its person's last tab closes (a few hundred bytes, bounded by the people
/// who connected since start) so that a reconnect does not race its removal.
/// </remarks>
public sealed class PresenceTracker(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    TimeProvider clock,
    ILogger<PresenceTracker> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Person> _people = new();

    /// <summary>
    /// Registers one tab or connection of <paramref name="userId"/>. Dispose the handle when it
    /// closes; the last one to close records "last seen".
    /// </summary>
    public async Task<IAsyncDisposable> ConnectAsync(Guid userId, CancellationToken ct = default)
    {
        var person = _people.GetOrAdd(userId, _ => new Person());
        await person.LoadSettingsOnceAsync(userId, dbFactory, ct);
        var connectionId = Guid.NewGuid();
        lock (person) person.Connections[connectionId] = new ConnectionActivity(Visible: true, clock.GetUtcNow());
        await PublishIfChangedAsync(userId, person);
        return new Connection(this, userId, connectionId);
    }

    /// <summary>The browser of a connection reported visibility or input.</summary>
    public Task ReportActivityAsync(Guid userId, IAsyncDisposable connection, bool visible, bool active)
    {
        if (connection is not Connection c || !_people.TryGetValue(userId, out var person)) return Task.CompletedTask;
        lock (person)
        {
            if (!person.Connections.TryGetValue(c.Id, out var previous)) return Task.CompletedTask;
            person.Connections[c.Id] = new ConnectionActivity(visible, active ? clock.GetUtcNow() : previous.LastActiveAt);
        }
        return PublishIfChangedAsync(userId, person);
    }

    /// <summary>How many people have at least one tab or connection open on this node.</summary>
    public int ConnectedPeople => _people.Values.Count(person => { lock (person) return person.Connections.Count > 0; });

    /// <summary>What others see of <paramref name="userId"/> now (offline when not connected here).</summary>
    public PresenceView Get(Guid userId) =>
        _people.TryGetValue(userId, out var person) ? person.Published : PresenceView.Unknown;

    /// <summary>True while <paramref name="userId"/> has do-not-disturb on (as known from their connections here).</summary>
    public bool IsDoNotDisturb(Guid userId) =>
        _people.TryGetValue(userId, out var person) && person.DoNotDisturb;

    /// <summary>Sets or clears do-not-disturb for <paramref name="userId"/>, stored so it outlives their tabs.</summary>
    public async Task SetDoNotDisturbAsync(Guid userId, bool doNotDisturb, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DoNotDisturb, doNotDisturb), ct);
        if (_people.TryGetValue(userId, out var person))
        {
            lock (person) person.DoNotDisturb = doNotDisturb;
            await PublishIfChangedAsync(userId, person);
        }
    }

    /// <summary>Re-reads privacy settings after the person changed them.</summary>
    public async Task RefreshSettingsAsync(Guid userId, CancellationToken ct = default)
    {
        if (!_people.TryGetValue(userId, out var person)) return;
        await person.LoadSettingsAsync(userId, dbFactory, ct);
        await PublishIfChangedAsync(userId, person);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SweepAsync(); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Presence sweep failed"); }
        }
    }

    /// <summary>Recomputes everyone's status (idle people become away).</summary>
    internal async Task SweepAsync()
    {
        foreach (var (userId, person) in _people) await PublishIfChangedAsync(userId, person);
    }

    private async Task DisconnectAsync(Guid userId, Guid connectionId)
    {
        if (!_people.TryGetValue(userId, out var person)) return;
        bool wasLast;
        lock (person) wasLast = person.Connections.Remove(connectionId) && person.Connections.Count == 0;
        if (wasLast)
        {
            var now = clock.GetUtcNow();
            lock (person) person.LastSeenAt = now;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, now));
            }
            catch (Exception ex) { logger.LogWarning(ex, "Could not record last seen for {UserId}", userId); }
        }
        await PublishIfChangedAsync(userId, person);
    }

    private async Task PublishIfChangedAsync(Guid userId, Person person)
    {
        PresenceView now;
        lock (person)
        {
            var status = PresenceRules.Aggregate(person.Connections.Values, person.DoNotDisturb, clock.GetUtcNow());
            now = PresenceRules.Visible(status, person.LastSeenAt, person.HideOnlineStatus, person.HideLastSeen);
            if (now == person.Published) return;
            person.Published = now;
        }
        await bus.PublishAsync(new PresenceChanged(userId, now));
    }

    private sealed class Person
    {
        private int _loaded;
        public Dictionary<Guid, ConnectionActivity> Connections { get; } = [];
        public bool DoNotDisturb { get; set; }
        public bool HideOnlineStatus { get; set; }
        public bool HideLastSeen { get; set; }
        public DateTimeOffset? LastSeenAt { get; set; }
        public PresenceView Published { get; set; } = PresenceView.Unknown;

        public Task LoadSettingsOnceAsync(Guid userId, IDbContextFactory<ChatDbContext> dbFactory, CancellationToken ct) =>
            Interlocked.Exchange(ref _loaded, 1) == 0 ? LoadSettingsAsync(userId, dbFactory, ct) : Task.CompletedTask;

        public async Task LoadSettingsAsync(Guid userId, IDbContextFactory<ChatDbContext> dbFactory, CancellationToken ct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var settings = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.DoNotDisturb, u.HideOnlineStatus, u.HideLastSeen, u.LastSeenAt }).SingleOrDefaultAsync(ct);
            if (settings is null) return;
            lock (this)
            {
                DoNotDisturb = settings.DoNotDisturb;
                HideOnlineStatus = settings.HideOnlineStatus;
                HideLastSeen = settings.HideLastSeen;
                LastSeenAt ??= settings.LastSeenAt;
            }
        }
    }

    private sealed class Connection(PresenceTracker tracker, Guid userId, Guid id) : IAsyncDisposable
    {
        private int _disposed;
        public Guid Id { get; } = id;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) await tracker.DisconnectAsync(userId, Id);
        }
    }
}
