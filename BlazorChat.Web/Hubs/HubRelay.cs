using System.Collections.Concurrent;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Common;
using BlazorChat.Core.Diagnostics;
using BlazorChat.Core.Events;
using BlazorChat.Core.Events.Redis;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Presence;
using BlazorChat.Core.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Web.Hubs;

/// <summary>
/// Forwards bus events to hub connections, as circuits receive them: each connection follows its
/// user's topic always, and the rooms and people it asked for. A connection whose user leaves or is
/// removed from a room loses that room at once; one whose sign-in or token is revoked is closed.
/// Handlers only send; they never look anything up (events carry what clients need), except that a
/// resync checks the rooms followed here again.
/// </summary>
/// <remarks>
/// Who sends what (ADR-016): a room's events go to the SignalR group of the room's followers, sent
/// once, by the node where the event was published; with Redis configured the group spans every
/// node through the SignalR backplane, so copies of the event that arrive from other nodes are not
/// sent again. Everything meant for one connection (its user's topic, presence, resync) is sent by
/// the node the connection is on, which alone knows what the connection follows. While Redis is
/// unreachable, room events go straight to this node's own followers instead.
/// </remarks>
public sealed partial class HubRelay : IDisposable
{
    /// <summary>The longest a group change may take (Redis answers within its own timeout, 2 s).</summary>
    private static readonly TimeSpan GroupChangeTimeout = TimeSpan.FromSeconds(5);

    private readonly IEventBus _bus;
    private readonly IEventBusStatus _link;
    private readonly IHubContext<ChatHub> _hub;
    private readonly PresenceTracker _presence;
    private readonly RoomService _rooms;
    private readonly ChatMetrics _metrics;
    private readonly ILogger<HubRelay> _logger;
    private readonly IDisposable _resync;
    private readonly IDisposable? _published;

    public HubRelay(IEventBus bus, IEventBusStatus link, IHubContext<ChatHub> hub, PresenceTracker presence, RoomService rooms,
        ChatMetrics metrics, ILogger<HubRelay> logger)
    {
        (_bus, _link, _hub, _presence, _rooms, _metrics, _logger) = (bus, link, hub, presence, rooms, metrics, logger);
        // News from other nodes may have been missed: every connection here is told to fetch what it lacks.
        _resync = bus.Subscribe(Topics.ThisNode, e => e is ResyncRequested resync ? ResyncAsync(resync) : Task.CompletedTask);
        // Several nodes: this node sends every room event published here to the room's group, whoever follows it where.
        if (link.IsShared) _published = bus.Subscribe(Topics.Every, OnPublishedAsync);
    }

    /// <summary>The most people one connection may watch the presence of.</summary>
    public const int MaxWatchedPeople = 500;

    /// <summary>The most rooms one connection may follow.</summary>
    public const int MaxRooms = 1000;

    private readonly ConcurrentDictionary<string, HubClient> _clients = new();

    // Guards _feeds, each feed's user count and each connection's rooms and people. Taken before a
    // feed's own lock, never while waiting for anything.
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RoomFeed> _feeds = [];

    /// <summary>Connections open on this node, for diagnostics and tests.</summary>
    public int ConnectionCount => _clients.Count;

    internal async Task ConnectAsync(HubCallerContext context, Guid userId, Guid? credentialId)
    {
        var client = new HubClient(this, context, userId, credentialId);
        _clients[context.ConnectionId] = client;
        _metrics.HubConnected();
        client.UserSubscription = _bus.Subscribe(Topics.User(userId), client.OnUserEventAsync);
        // A hub connection counts as being online, like an open tab.
        client.Presence = await _presence.ConnectAsync(userId);
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        if (!_clients.TryRemove(connectionId, out var client)) return;
        _metrics.HubDisconnected();
        client.UserSubscription?.Dispose();
        List<IDisposable> people;
        lock (_gate)
        {
            // SignalR takes a closed connection out of its groups itself (on every node's behalf).
            foreach (var roomId in client.Rooms?.Keys.ToList() ?? []) Unfollow(client, roomId);
            people = client.People?.Values.ToList() ?? [];
            client.People = null;
        }
        foreach (var subscription in people) subscription.Dispose();
        if (client.Presence is not null) await client.Presence.DisposeAsync();
    }

    /// <summary>
    /// Follows a room's events once <paramref name="authorize"/> allows it: authorize, join the
    /// room's group, then authorize again for the view returned. Every event of the room newer than
    /// that view reaches the connection live (the group was joined before the view was read); what
    /// is older is in the view (<c>LastSeq</c>). A refused connection never joins the group. The
    /// connection is registered first, so a removal that lands meanwhile is not missed (the call is
    /// then refused). A refusal leaves the connection without the room, also when it followed it before.
    /// </summary>
    internal async Task<T> SubscribeRoomAsync<T>(string connectionId, Guid roomId, Func<Task<T>> authorize)
    {
        var client = Client(connectionId);
        RoomFeed? joining = null;
        lock (_gate)
        {
            if (client.Rooms?.ContainsKey(roomId) != true)
            {
                if (client.Rooms?.Count >= MaxRooms)
                    throw new HubException($"A connection follows at most {MaxRooms} rooms; unsubscribe from some first.");
                if (!_clients.ContainsKey(connectionId)) throw new HubException("The connection is closing.");
                joining = Acquire(roomId);
                joining.AddPending(connectionId);
                (client.Rooms ??= [])[roomId] = joining;
            }
        }
        try
        {
            if (joining is null) return await authorize();
            await authorize();
            await ChangeGroupAsync(_hub.Groups.AddToGroupAsync(connectionId, joining.Group), "join", joining.Group,
                refusal: "503: Live updates of this room are unavailable right now; try again shortly.");
            var view = await authorize();
            bool admitted;
            lock (_gate) admitted = client.Rooms?.GetValueOrDefault(roomId) == joining && joining.Admit(connectionId);
            // Unfollowed meanwhile: removed from the room, the room deleted, or disconnected.
            if (!admitted) throw new ChatNotFoundException("room");
            return view;
        }
        catch
        {
            // Refused (or failed): the room is not followed, whether or not it was before.
            await UnfollowAsync(client, roomId, leaveGroupOf: joining);
            throw;
        }
    }

    internal Task<bool> UnsubscribeRoomAsync(string connectionId, Guid roomId) => UnfollowAsync(Client(connectionId), roomId);

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
                    client.People[userId] = _bus.Subscribe(Topics.Presence(userId), client.SendAsync);
        }
        return [.. distinct.Select(id => new PresenceChanged(id, _presence.Get(id)))];
    }

    /// <summary>The client did something: it counts as active for presence.</summary>
    internal Task ReportActivityAsync(string connectionId) =>
        _clients.TryGetValue(connectionId, out var client) && client.Presence is { } handle
            ? _presence.ReportActivityAsync(client.UserId, handle, visible: true, active: true)
            : Task.CompletedTask;

    /// <summary>The feed of <paramref name="roomId"/>, subscribed to the room's topic if it is new; counts one more user of it. Under <see cref="_gate"/>.</summary>
    private RoomFeed Acquire(Guid roomId)
    {
        if (!_feeds.TryGetValue(roomId, out var feed))
        {
            feed = new RoomFeed(roomId);
            feed.Subscription = _bus.Subscribe(feed.Group, e => OnRoomEventAsync(feed, e));
            _feeds[roomId] = feed;
        }
        feed.Users++;
        return feed;
    }

    /// <summary>
    /// Stops <paramref name="client"/> following <paramref name="roomId"/> here (this node's own
    /// sends skip it from now on) and returns the feed it followed, or null; the room's subscription
    /// ends with its last follower here. The caller takes it out of the SignalR group. Under <see cref="_gate"/>.
    /// </summary>
    private RoomFeed? Unfollow(HubClient client, Guid roomId)
    {
        if (client.Rooms is null || !client.Rooms.Remove(roomId, out var feed)) return null;
        if (client.Rooms.Count == 0) client.Rooms = null;
        feed.Drop(client.Context.ConnectionId);
        if (--feed.Users == 0)
        {
            _feeds.Remove(roomId);
            feed.Close();
        }
        return feed;
    }

    /// <summary>
    /// Unfollows and waits until the connection is out of the room's group: from then on no node's
    /// send of the room reaches it (its group membership lives on this node, where it is connected).
    /// </summary>
    private async Task<bool> UnfollowAsync(HubClient client, Guid roomId, RoomFeed? leaveGroupOf = null)
    {
        RoomFeed? feed;
        lock (_gate) feed = Unfollow(client, roomId);
        if ((feed ?? leaveGroupOf) is not { } left) return false;
        await ChangeGroupAsync(_hub.Groups.RemoveFromGroupAsync(client.Context.ConnectionId, left.Group), "leave", left.Group);
        return feed is not null;
    }

    /// <summary>
    /// Waits for a group change. A join that fails (Redis unreachable, so the group's channel
    /// cannot be subscribed) refuses the call with <paramref name="refusal"/>; a leave that fails
    /// has already taken effect here (SignalR drops the member before it unsubscribes the channel).
    /// </summary>
    private async Task ChangeGroupAsync(Task change, string what, string group, string? refusal = null)
    {
        try
        {
            await change.WaitAsync(GroupChangeTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not {Change} hub group {Group}", what, group);
            if (refusal is not null) throw new HubException(refusal);
        }
    }

    /// <summary>A room event on this node's feed of the room: sent to the group when this node is on its own; counted; a deletion ends the room here.</summary>
    private async Task OnRoomEventAsync(RoomFeed feed, ChatEvent chatEvent)
    {
        if (HubEvents.Describe(chatEvent) is not var (method, payload)) return;
        var (sending, followers) = _link.IsShared ? (Task.CompletedTask, feed.FollowerCount) : feed.SendToGroup(_hub, method, payload);
        if (chatEvent is RoomDeleted)
        {
            // Anyone here still following it (members were dropped on their own topic already) loses it.
            List<HubClient> following;
            lock (_gate) following = [.. _clients.Values.Where(client => client.Rooms?.GetValueOrDefault(feed.RoomId) == feed)];
            foreach (var client in following) await UnfollowAsync(client, feed.RoomId);
        }
        await sending;
        // Each node counts its own followers, also when the event reached them through the backplane.
        if (followers > 0) _metrics.Delivered(DeliveryTarget.Hub, chatEvent, followers);
    }

    /// <summary>
    /// Several nodes: a room event published on this node goes to the room's group on every node,
    /// once, from here. While Redis is unreachable it goes to this node's own followers instead
    /// (the others resync when Redis is back); a send that fails on the way makes every node resync.
    /// </summary>
    private async Task OnPublishedAsync(ChatEvent chatEvent)
    {
        if (chatEvent.FromOtherNode || !Topics.TryGetRoom(chatEvent.Topic, out var roomId) || HubEvents.Describe(chatEvent) is not var (method, payload)) return;
        if (!_link.IsLinked)
        {
            RoomFeed? feed;
            lock (_gate) feed = _feeds.GetValueOrDefault(roomId);
            if (feed is not null) await feed.SendHere(_hub, method, payload);
            return;
        }
        try
        {
            // Serialized once per protocol here; each node writes the same bytes to its members of the group.
            await _hub.Clients.Group(chatEvent.Topic).SendAsync(method, payload).WaitAsync(RedisConnection.Timeout);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "A {Method} for {Group} did not go through Redis", method, chatEvent.Topic);
            _link.ReportUndelivered();
        }
    }

    private async Task OnUserEventAsync(HubClient client, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RoomLeft left:
                // Removed, left or deleted: out of the room's group before the client hears of it.
                await UnfollowAsync(client, left.RoomId);
                break;
            case ApiCredentialRevoked revoked when revoked.CredentialId == client.CredentialId:
                _logger.LogInformation("Closing hub connection {ConnectionId}: its credential was revoked", client.Context.ConnectionId);
                client.Context.Abort();
                return;
            case AccountSuspended:
                _logger.LogInformation("Closing hub connection {ConnectionId}: its account was suspended", client.Context.ConnectionId);
                client.Context.Abort();
                return;
            case RoomUpdated { Room.Id: var roomId } when Follows(client, roomId):
                // The room's own group brings the same news to a connection that follows it.
                return;
        }
        await SendAsync(client, chatEvent);
    }

    private bool Follows(HubClient client, Guid roomId)
    {
        lock (_gate) return client.Rooms?.ContainsKey(roomId) == true;
    }

    /// <summary>Sends to one connection of this node (written directly, never through Redis).</summary>
    private async Task SendAsync(HubClient client, ChatEvent chatEvent)
    {
        if (HubEvents.Describe(chatEvent) is not var (method, payload)) return;
        await _hub.Clients.Client(client.Context.ConnectionId).SendAsync(method, payload);
        _metrics.Delivered(DeliveryTarget.Hub, chatEvent);
    }

    /// <summary>
    /// Tells this node's connections (not the other nodes': they resync on their own) to fetch what
    /// they lack. A removal may have been among the missed news, which would have left a connection
    /// in the room's group: first every room followed here is authorized again (per person, the
    /// list of their rooms, and a look at each followed room not on it, such as a public channel).
    /// </summary>
    private async Task ResyncAsync(ResyncRequested resync)
    {
        List<(HubClient Client, Guid RoomId)> follows;
        lock (_gate) follows = [.. _clients.Values.SelectMany(client => (client.Rooms?.Keys.ToList() ?? []).Select(roomId => (client, roomId)))];
        foreach (var person in follows.GroupBy(follow => follow.Client.UserId))
        {
            try
            {
                var theirs = (await _rooms.ListMineAsync(person.Key)).Select(room => room.Id).ToHashSet();
                foreach (var (client, roomId) in person)
                    if (!theirs.Contains(roomId) && !await MayReadAsync(person.Key, roomId)) await UnfollowAsync(client, roomId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not check the rooms hub connections of {UserId} follow", person.Key);
            }
        }
        await Task.WhenAll(_clients.Values.Select(client => SendAsync(client, resync)));
    }

    private async Task<bool> MayReadAsync(Guid userId, Guid roomId)
    {
        try
        {
            await _rooms.GetAsync(userId, roomId);
            return true;
        }
        catch (ChatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _resync.Dispose();
        _published?.Dispose();
    }

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
}
