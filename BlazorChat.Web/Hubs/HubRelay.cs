using System.Collections.Concurrent;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Common;
using BlazorChat.Core.Diagnostics;
using BlazorChat.Core.Events;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Presence;
using BlazorChat.Core.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Web.Hubs;

/// <summary>
/// Forwards bus events to this node's hub connections, as circuits receive them: each connection
/// follows its user's topic always, and the rooms and people it asked for. A connection whose user
/// leaves or is removed from a room loses that room at once; one whose sign-in or token is revoked
/// is closed. Handlers only send; they never look anything up (events carry what clients need).
/// </summary>
/// <remarks>
/// A room's events go to a SignalR group of the connections here that follow it (ADR-013): the node
/// subscribes to the room's topic once, while at least one local connection follows the room, and
/// each event is described and serialized once for the whole group. Groups are this node's own
/// (<c>DefaultHubLifetimeManager</c>, whose group changes take effect before they return), so a
/// connection dropped from a group on its user's topic gets nothing more of the room from that
/// moment. A connection joins the group only once <c>SubscribeRoom</c> has authorized it; what the
/// room sent meanwhile is held for it and written first, so it misses nothing and a refused
/// connection receives nothing.
/// </remarks>
public sealed class HubRelay(IEventBus bus, IHubContext<ChatHub> hub, PresenceTracker presence, ChatMetrics metrics, ILogger<HubRelay> logger) : IDisposable
{
    // News from other nodes may have been missed: every connection here is told to fetch what it lacks.
    private readonly IDisposable _resync = bus.Subscribe(Topics.ThisNode, e =>
        e is ResyncRequested && HubEvents.Describe(e) is var (method, payload) ? hub.Clients.All.SendAsync(method, payload) : Task.CompletedTask);

    /// <summary>The most people one connection may watch the presence of.</summary>
    public const int MaxWatchedPeople = 500;

    /// <summary>The most rooms one connection may follow.</summary>
    public const int MaxRooms = 1000;

    private readonly ConcurrentDictionary<string, HubClient> _clients = new();

    // Guards _feeds, each feed's follower counts and each connection's rooms and people. Taken
    // before a feed's own lock, never while waiting for anything.
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomFeed> _feeds = [];

    /// <summary>Connections open on this node, for diagnostics and tests.</summary>
    public int ConnectionCount => _clients.Count;

    internal async Task ConnectAsync(HubCallerContext context, Guid userId, Guid? credentialId)
    {
        var client = new HubClient(this, context, userId, credentialId);
        _clients[context.ConnectionId] = client;
        metrics.HubConnected();
        client.UserSubscription = bus.Subscribe(Topics.User(userId), client.OnUserEventAsync);
        // A hub connection counts as being online, like an open tab.
        client.Presence = await presence.ConnectAsync(userId);
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        if (!_clients.TryRemove(connectionId, out var client)) return;
        metrics.HubDisconnected();
        client.UserSubscription?.Dispose();
        List<IDisposable> people;
        lock (_gate)
        {
            foreach (var roomId in client.Rooms?.Keys.ToList() ?? []) Unfollow(client, roomId);
            people = client.People?.Values.ToList() ?? [];
            client.People = null;
        }
        foreach (var subscription in people) subscription.Dispose();
        if (client.Presence is not null) await client.Presence.DisposeAsync();
    }

    /// <summary>
    /// Follows a room's events once <paramref name="authorize"/> allows it. The connection is
    /// registered first, so a removal that lands while authorizing is not missed (the call is then
    /// refused), and what the room sends meanwhile is held and written before its next events.
    /// A refusal leaves the connection without the room, also when it followed it before.
    /// </summary>
    internal async Task<T> SubscribeRoomAsync<T>(string connectionId, Guid roomId, Func<Task<T>> authorize)
    {
        var client = Client(connectionId);
        PendingFollow? pending = null;
        lock (_gate)
        {
            if (client.Rooms?.ContainsKey(roomId) != true)
            {
                if (client.Rooms?.Count >= MaxRooms)
                    throw new HubException($"A connection follows at most {MaxRooms} rooms; unsubscribe from some first.");
                if (!_clients.ContainsKey(connectionId)) throw new HubException("The connection is closing.");
                var feed = Acquire(roomId);
                pending = new PendingFollow(client);
                lock (feed.Sending) (feed.Pending ??= []).Add(pending);
                (client.Rooms ??= [])[roomId] = feed;
            }
        }
        T result;
        try
        {
            result = await authorize();
        }
        catch
        {
            // Refused (or failed): the room is not followed, whether or not it was before.
            lock (_gate) Unfollow(client, roomId);
            throw;
        }
        if (pending is null) return result;
        lock (_gate)
        {
            // Unfollowed while authorizing: removed from the room, the room deleted, or disconnected.
            if (client.Rooms?.GetValueOrDefault(roomId) is not { } feed || !feed.Admit(pending, hub, metrics))
                throw new ChatNotFoundException("room");
        }
        return result;
    }

    internal bool UnsubscribeRoom(string connectionId, Guid roomId)
    {
        var client = Client(connectionId);
        lock (_gate) return Unfollow(client, roomId);
    }

    /// <summary>Follows the presence of <paramref name="userIds"/> (added to those already watched).</summary>
    internal IReadOnlyList<PresenceChanged> WatchPresence(string connectionId, IReadOnlyCollection<Guid> userIds)
    {
        var client = Client(connectionId);
        var distinct = userIds.Distinct().ToList();
        lock (_gate)
        {
            if ((client.People?.Count ?? 0) + userIds.Count > MaxWatchedPeople)
                throw new HubException($"A connection watches the presence of at most {MaxWatchedPeople} people.");
            if (!_clients.ContainsKey(connectionId)) throw new HubException("The connection is closing.");
            client.People ??= [];
            foreach (var userId in distinct)
                if (!client.People.ContainsKey(userId))
                    client.People[userId] = bus.Subscribe(Topics.Presence(userId), client.SendAsync);
        }
        return [.. distinct.Select(id => new PresenceChanged(id, presence.Get(id)))];
    }

    /// <summary>The client did something: it counts as active for presence.</summary>
    internal Task ReportActivityAsync(string connectionId) =>
        _clients.TryGetValue(connectionId, out var client) && client.Presence is { } handle
            ? presence.ReportActivityAsync(client.UserId, handle, visible: true, active: true)
            : Task.CompletedTask;

    /// <summary>The feed of <paramref name="roomId"/>, subscribed to the room's topic if it is new; counts one more user of it. Under <see cref="_gate"/>.</summary>
    private RoomFeed Acquire(Guid roomId)
    {
        if (!_feeds.TryGetValue(roomId, out var feed))
        {
            feed = new RoomFeed(roomId);
            feed.Subscription = bus.Subscribe(feed.Group, e => OnRoomEventAsync(feed, e));
            _feeds[roomId] = feed;
        }
        feed.Users++;
        return feed;
    }

    /// <summary>
    /// Stops <paramref name="client"/> following <paramref name="roomId"/> (out of the group before
    /// this returns); the room's subscription ends with its last follower here. Under <see cref="_gate"/>.
    /// </summary>
    private bool Unfollow(HubClient client, Guid roomId)
    {
        if (client.Rooms is null || !client.Rooms.Remove(roomId, out var feed)) return false;
        if (client.Rooms.Count == 0) client.Rooms = null;
        feed.Drop(client, hub);
        if (--feed.Users == 0)
        {
            _feeds.Remove(roomId);
            feed.Close();
        }
        return true;
    }

    private async Task OnRoomEventAsync(RoomFeed feed, ChatEvent chatEvent)
    {
        if (HubEvents.Describe(chatEvent) is not var (method, payload)) return;
        var (sending, followers) = feed.Send(hub, chatEvent, method, payload);
        if (chatEvent is RoomDeleted)
        {
            // Anyone here still following it (members were dropped on their own topic already) loses it.
            lock (_gate)
                foreach (var client in _clients.Values)
                    if (client.Rooms?.GetValueOrDefault(feed.RoomId) == feed) Unfollow(client, feed.RoomId);
        }
        if (followers == 0) return;
        await sending;
        metrics.Delivered(DeliveryTarget.Hub, chatEvent, followers);
    }

    private Task OnUserEventAsync(HubClient client, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RoomLeft left:
                // Removed, left or deleted: out of the room's group before anything else of it can be sent.
                lock (_gate) Unfollow(client, left.RoomId);
                break;
            case ApiCredentialRevoked revoked when revoked.CredentialId == client.CredentialId:
                logger.LogInformation("Closing hub connection {ConnectionId}: its credential was revoked", client.Context.ConnectionId);
                client.Context.Abort();
                return Task.CompletedTask;
            case AccountSuspended:
                logger.LogInformation("Closing hub connection {ConnectionId}: its account was suspended", client.Context.ConnectionId);
                client.Context.Abort();
                return Task.CompletedTask;
            case RoomUpdated { Room.Id: var roomId } when Follows(client, roomId):
                // The room's own topic brings the same news to a connection that follows it.
                return Task.CompletedTask;
        }
        return SendAsync(client, chatEvent);
    }

    private bool Follows(HubClient client, Guid roomId)
    {
        lock (_gate) return client.Rooms?.ContainsKey(roomId) == true;
    }

    private async Task SendAsync(HubClient client, ChatEvent chatEvent)
    {
        if (HubEvents.Describe(chatEvent) is not var (method, payload)) return;
        await hub.Clients.Client(client.Context.ConnectionId).SendAsync(method, payload);
        metrics.Delivered(DeliveryTarget.Hub, chatEvent);
    }

    public void Dispose() => _resync.Dispose();

    private HubClient Client(string connectionId) =>
        _clients.TryGetValue(connectionId, out var client) ? client : throw new HubException("The connection is closing.");

    /// <summary>One hub connection. Kept small: an idle connection holds its user subscription and presence entry only.</summary>
    private sealed class HubClient(HubRelay relay, HubCallerContext context, Guid userId, Guid? credentialId)
    {
        public HubCallerContext Context { get; } = context;
        public Guid UserId { get; } = userId;
        public Guid? CredentialId { get; } = credentialId;
        public IDisposable? UserSubscription { get; set; }
        public IAsyncDisposable? Presence { get; set; }

        /// <summary>Rooms followed or being authorized, created with the first (under the relay's gate).</summary>
        public Dictionary<Guid, RoomFeed>? Rooms { get; set; }

        /// <summary>Presence subscriptions by person, created with the first (under the relay's gate).</summary>
        public Dictionary<Guid, IDisposable>? People { get; set; }

        public Task OnUserEventAsync(ChatEvent chatEvent) => relay.OnUserEventAsync(this, chatEvent);

        public Task SendAsync(ChatEvent chatEvent) => relay.SendAsync(this, chatEvent);
    }

    /// <summary>A connection whose <c>SubscribeRoom</c> is being authorized, with what the room sent meanwhile.</summary>
    private sealed class PendingFollow(HubClient client)
    {
        public HubClient Client { get; } = client;
        public List<(ChatEvent Event, string Method, object Payload)> Held { get; } = [];
    }

    /// <summary>
    /// This node's subscription to one room's topic, for the group of connections that follow it.
    /// <see cref="Sending"/> orders sends against connections joining or leaving the group.
    /// </summary>
    private sealed class RoomFeed(Guid roomId)
    {
        public Guid RoomId { get; } = roomId;
        public string Group { get; } = Topics.Room(roomId);
        public Lock Sending { get; } = new();
        public IDisposable? Subscription { get; set; }

        /// <summary>Connections following or being authorized (under the relay's gate); the subscription ends at zero.</summary>
        public int Users { get; set; }

        private int _followers;
        private bool _closed;

        /// <summary>Connections being authorized (under <see cref="Sending"/>).</summary>
        public List<PendingFollow>? Pending { get; set; }

        /// <summary>
        /// Sends one event to the group, serialized once; returns the send and how many connections
        /// it went to. The lock is held while the send starts (it only queues each connection's
        /// write), so a connection joins or leaves the group between two events, never during one.
        /// </summary>
        public (Task Sending, int Followers) Send(IHubContext<ChatHub> hub, ChatEvent chatEvent, string method, object payload)
        {
            lock (Sending)
            {
                // A delivery that started before the subscription ended: a newer feed of the room may have the group now.
                if (_closed) return (Task.CompletedTask, 0);
                if (Pending is { } pendingFollows)
                    foreach (var pending in pendingFollows) pending.Held.Add((chatEvent, method, payload));
                return _followers == 0 ? (Task.CompletedTask, 0) : (hub.Clients.Group(Group).SendAsync(method, payload), _followers);
            }
        }

        /// <summary>Writes what was held for <paramref name="pending"/> and adds it to the group; false when it was dropped meanwhile.</summary>
        public bool Admit(PendingFollow pending, IHubContext<ChatHub> hub, ChatMetrics metrics)
        {
            lock (Sending)
            {
                if (Pending?.Remove(pending) != true) return false;
                if (Pending.Count == 0) Pending = null;
                var connectionId = pending.Client.Context.ConnectionId;
                foreach (var (chatEvent, method, payload) in pending.Held)
                {
                    _ = hub.Clients.Client(connectionId).SendAsync(method, payload);
                    metrics.Delivered(DeliveryTarget.Hub, chatEvent);
                }
                Joined(hub.Groups.AddToGroupAsync(connectionId, Group));
                _followers++;
                return true;
            }
        }

        /// <summary>Takes <paramref name="client"/> out of the group (or out of the pending ones) before returning.</summary>
        public void Drop(HubClient client, IHubContext<ChatHub> hub)
        {
            lock (Sending)
            {
                if (Pending?.FindIndex(p => p.Client == client) is >= 0 and var index)
                {
                    Pending.RemoveAt(index);
                    if (Pending.Count == 0) Pending = null;
                    return;
                }
                Joined(hub.Groups.RemoveFromGroupAsync(client.Context.ConnectionId, Group));
                _followers--;
            }
        }

        public void Close()
        {
            lock (Sending) _closed = true;
            Subscription?.Dispose();
        }

        // This node's groups change before the call returns; anything else would break the guarantees above.
        private static void Joined(Task change)
        {
            if (!change.IsCompletedSuccessfully)
                throw new InvalidOperationException("Hub groups must change synchronously (the default, node-local hub lifetime manager).");
        }
    }
}
