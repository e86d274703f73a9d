using System.Collections.Concurrent;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Core.Presence;

/// <summary>
/// Counts each person's open tabs and connections on this node, hears what the other nodes count
/// (<see cref="NodePresenceReported"/>), and publishes to this node's views what others may see
/// whenever the sum changes. A heartbeat tells the other nodes everything this node knows; a node
/// not heard from for <see cref="NodeSilenceLimit"/> is forgotten, so its people go offline.
/// </summary>
/// <remarks>
/// An entry stays after its person's last tab closes (a few hundred bytes, bounded by the people
/// who connected since start or were reported by another node) so that a reconnect does not race
/// its removal. REVIEW: the heartbeat lists everyone connected to this node; at tens of thousands
/// of people per node it should send changes only and a digest.
/// </remarks>
public sealed class PresenceTracker(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    TimeProvider clock,
    ILogger<PresenceTracker> logger,
    NodeIdentity? node = null) : BackgroundService
{
    /// <summary>How often this node sends its heartbeat and recomputes everyone (idle people become away).</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>A node silent for this long counts as gone: its people go offline here.</summary>
    public static readonly TimeSpan NodeSilenceLimit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<Guid, Person> _people = new();
    private readonly ConcurrentDictionary<string, OtherNode> _nodes = new();
    private readonly string _nodeId = (node ?? new NodeIdentity()).Id;

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

    /// <summary>
    /// The browser of a connection reported visibility or input. Every message sent and every key
    /// typed reports input, so the common case (still visible, active a moment ago) only moves the
    /// time stamp: nobody's status can change from it, and nothing is recomputed or published.
    /// </summary>
    public Task ReportActivityAsync(Guid userId, IAsyncDisposable connection, bool visible, bool active)
    {
        if (connection is not Connection c || !_people.TryGetValue(userId, out var person)) return Task.CompletedTask;
        var now = clock.GetUtcNow();
        lock (person)
        {
            if (!person.Connections.TryGetValue(c.Id, out var previous)) return Task.CompletedTask;
            person.Connections[c.Id] = new ConnectionActivity(visible, active ? now : previous.LastActiveAt);
            if (previous.Visible == visible && (!active || (visible && now - previous.LastActiveAt < ActiveMoment)))
                return Task.CompletedTask;
        }
        return PublishIfChangedAsync(userId, person);
    }

    // Far below PresenceRules.IdleAfter: a connection active this recently counts as active either way.
    private static readonly TimeSpan ActiveMoment = TimeSpan.FromMinutes(1);

    /// <summary>How many people have a tab or connection open on any node that is heard from.</summary>
    public int ConnectedPeople
    {
        get
        {
            var now = clock.GetUtcNow();
            return _people.Count(pair =>
            {
                lock (pair.Value) if (pair.Value.Connections.Count > 0) return true;
                return OtherNodesSay(pair.Key, now).Any(p => p.Status != PresenceStatus.Offline);
            });
        }
    }

    /// <summary>The nodes heard from within <see cref="NodeSilenceLimit"/>, this one included.</summary>
    public int NodesHeardFrom => 1 + _nodes.Values.Count(n => n.IsAlive(clock.GetUtcNow()));

    /// <summary>What others see of <paramref name="userId"/> now (offline when not connected anywhere).</summary>
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
        await bus.PublishAsync(new PresenceSettingsChanged(_nodeId, userId), ct);
    }

    /// <summary>Re-reads privacy settings after the person changed them (here, then on the other nodes).</summary>
    public async Task RefreshSettingsAsync(Guid userId, CancellationToken ct = default)
    {
        await ReloadSettingsAsync(userId, ct);
        await bus.PublishAsync(new PresenceSettingsChanged(_nodeId, userId), ct);
    }

    private async Task ReloadSettingsAsync(Guid userId, CancellationToken ct)
    {
        if (!_people.TryGetValue(userId, out var person) || !person.HasSettings) return;
        await person.LoadSettingsAsync(userId, dbFactory, ct);
        await PublishIfChangedAsync(userId, person);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var fromNodes = bus.Subscribe(Topics.Nodes, OnNodeNewsAsync);
        using var resync = bus.Subscribe(Topics.ThisNode, e => e is ResyncRequested ? SendHeartbeatAsync() : Task.CompletedTask);
        using var timer = new PeriodicTimer(HeartbeatInterval, clock);
        do
        {
            try
            {
                await SendHeartbeatAsync();
                await ForgetSilentNodesAsync();
                await SweepAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Presence heartbeat failed"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Leaving: the other nodes need not wait for the silence limit.
        try { await bus.PublishAsync(new NodePresenceReported(_nodeId, [], IsFullState: true), cancellationToken); }
        catch (Exception ex) { logger.LogDebug(ex, "Could not say goodbye to the other nodes"); }
    }

    /// <summary>Recomputes everyone's status (idle people become away).</summary>
    internal async Task SweepAsync()
    {
        foreach (var (userId, person) in _people) await PublishIfChangedAsync(userId, person);
    }

    /// <summary>Tells the other nodes about everyone with a tab or connection here.</summary>
    internal Task SendHeartbeatAsync()
    {
        var everyone = new List<NodePresence>();
        foreach (var (userId, person) in _people)
            lock (person)
                if (person.Connections.Count > 0) everyone.Add(person.Report(userId, person.Reported));
        return bus.PublishAsync(new NodePresenceReported(_nodeId, everyone, IsFullState: true)).AsTask();
    }

    /// <summary>Forgets the nodes silent for <see cref="NodeSilenceLimit"/>; their people go offline here.</summary>
    internal async Task ForgetSilentNodesAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var (nodeId, other) in _nodes)
        {
            if (other.IsAlive(now) || !_nodes.TryRemove(new KeyValuePair<string, OtherNode>(nodeId, other))) continue;
            logger.LogInformation("Node {NodeId} went silent; its people are offline here", nodeId);
            foreach (var userId in other.UserIds()) await RecomputeAsync(userId);
        }
    }

    internal async Task OnNodeNewsAsync(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case NodePresenceReported report when report.NodeId != _nodeId:
                var other = _nodes.GetOrAdd(report.NodeId, _ => new OtherNode());
                foreach (var userId in other.Apply(report, clock.GetUtcNow())) await RecomputeAsync(userId);
                break;
            case PresenceSettingsChanged changed when changed.NodeId != _nodeId:
                await ReloadSettingsAsync(changed.UserId, CancellationToken.None);
                break;
        }
    }

    private Task RecomputeAsync(Guid userId) => PublishIfChangedAsync(userId, _people.GetOrAdd(userId, _ => new Person()));

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

    /// <summary>
    /// Tells the other nodes when this node's own count for the person changed, and this node's
    /// views when what others see of the person (here and on every node) changed.
    /// </summary>
    private async Task PublishIfChangedAsync(Guid userId, Person person)
    {
        var now = clock.GetUtcNow();
        var elsewhere = OtherNodesSay(userId, now);
        NodePresence? report = null;
        PresenceView view;
        bool changed;
        lock (person)
        {
            var here = PresenceRules.Aggregate(person.Connections.Values, person.DoNotDisturb, now);
            if (here != person.Reported)
            {
                person.Reported = here;
                report = person.Report(userId, here);
            }
            var status = PresenceRules.Combine(elsewhere.Select(p => p.Status).Append(here));
            var lastSeen = elsewhere.Select(p => p.LastSeenAt).Append(person.LastSeenAt).Max();
            view = person.HasSettings
                ? PresenceRules.Visible(status, lastSeen, person.HideOnlineStatus, person.HideLastSeen)
                : PresenceRules.Visible(status, lastSeen, elsewhere.Any(p => p.HideOnlineStatus), elsewhere.Any(p => p.HideLastSeen));
            changed = view != person.Published;
            person.Published = view;
        }
        if (report is not null) await bus.PublishAsync(new NodePresenceReported(_nodeId, [report], IsFullState: false));
        if (changed) await bus.PublishAsync(new PresenceChanged(userId, view));
    }

    private List<NodePresence> OtherNodesSay(Guid userId, DateTimeOffset now)
    {
        var said = new List<NodePresence>();
        foreach (var other in _nodes.Values)
            if (other.IsAlive(now) && other.Find(userId) is { } presence) said.Add(presence);
        return said;
    }

    private sealed class Person
    {
        private int _loaded;
        public Dictionary<Guid, ConnectionActivity> Connections { get; } = [];
        public bool HasSettings => Volatile.Read(ref _loaded) == 1;
        public bool DoNotDisturb { get; set; }
        public bool HideOnlineStatus { get; set; }
        public bool HideLastSeen { get; set; }
        public DateTimeOffset? LastSeenAt { get; set; }
        public PresenceStatus Reported { get; set; } = PresenceStatus.Offline;
        public PresenceView Published { get; set; } = PresenceView.Unknown;

        public NodePresence Report(Guid userId, PresenceStatus status) => new(userId, status, LastSeenAt, HideOnlineStatus, HideLastSeen);

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

    /// <summary>What another node last said about its people, and when it was last heard.</summary>
    private sealed class OtherNode
    {
        private Dictionary<Guid, NodePresence> _people = [];
        private DateTimeOffset _heardAt;

        public bool IsAlive(DateTimeOffset now) { lock (this) return now - _heardAt < NodeSilenceLimit; }

        public NodePresence? Find(Guid userId) { lock (this) return _people.GetValueOrDefault(userId); }

        public Guid[] UserIds() { lock (this) return [.. _people.Keys]; }

        /// <summary>Takes in a report; returns the people whose status may have changed.</summary>
        public IReadOnlyCollection<Guid> Apply(NodePresenceReported report, DateTimeOffset now)
        {
            lock (this)
            {
                var affected = new HashSet<Guid>(report.People.Select(p => p.UserId));
                // A node heard from again after a silence may have forgotten everyone it listed before.
                if (report.IsFullState || now - _heardAt >= NodeSilenceLimit)
                {
                    affected.UnionWith(_people.Keys);
                    _people = [];
                }
                foreach (var presence in report.People)
                {
                    if (presence.Status == PresenceStatus.Offline) _people.Remove(presence.UserId);
                    else _people[presence.UserId] = presence;
                }
                _heardAt = now;
                return affected;
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
