using System.Collections.Concurrent;
using BlazorChat.Core.ApiAccess;
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

    /// <summary>Connections open on this node, for diagnostics and tests.</summary>
    public int ConnectionCount => _clients.Count;

    internal async Task ConnectAsync(HubCallerContext context, Guid userId, Guid? credentialId)
    {
        var client = new HubClient(context, userId, credentialId);
        _clients[context.ConnectionId] = client;
        metrics.HubConnected();
        client.UserSubscription = bus.Subscribe(Topics.User(userId), e => OnUserEventAsync(client, e));
        // A hub connection counts as being online, like an open tab.
        client.Presence = await presence.ConnectAsync(userId);
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        if (!_clients.TryRemove(connectionId, out var client)) return;
        metrics.HubDisconnected();
        await client.DisposeAsync();
    }

    /// <summary>
    /// Follows a room's events. Subscribes first and then runs <paramref name="authorize"/>, so a
    /// removal that lands in between still ends the subscription; a refusal undoes it.
    /// </summary>
    internal async Task<T> SubscribeRoomAsync<T>(string connectionId, Guid roomId, Func<Task<T>> authorize)
    {
        var client = Client(connectionId);
        if (client.Rooms.Count >= MaxRooms && !client.Rooms.ContainsKey(roomId))
            throw new HubException($"A connection follows at most {MaxRooms} rooms; unsubscribe from some first.");
        var subscription = bus.Subscribe(Topics.Room(roomId), e => OnRoomEventAsync(client, roomId, e));
        try
        {
            var result = await authorize();
            client.Rooms.AddOrUpdate(roomId, subscription, (_, previous) => { previous.Dispose(); return subscription; });
            return result;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    internal bool UnsubscribeRoom(string connectionId, Guid roomId) => Client(connectionId).DropRoom(roomId);

    /// <summary>Follows the presence of <paramref name="userIds"/> (added to those already watched).</summary>
    internal IReadOnlyList<PresenceChanged> WatchPresence(string connectionId, IReadOnlyCollection<Guid> userIds)
    {
        var client = Client(connectionId);
        if (client.People.Count + userIds.Count > MaxWatchedPeople)
            throw new HubException($"A connection watches the presence of at most {MaxWatchedPeople} people.");
        foreach (var userId in userIds.Distinct())
            client.People.GetOrAdd(userId, id => bus.Subscribe(Topics.Presence(id), e => SendAsync(client, e)));
        return [.. userIds.Distinct().Select(id => new PresenceChanged(id, presence.Get(id)))];
    }

    /// <summary>The client did something: it counts as active for presence.</summary>
    internal Task ReportActivityAsync(string connectionId) =>
        _clients.TryGetValue(connectionId, out var client) && client.Presence is { } handle
            ? presence.ReportActivityAsync(client.UserId, handle, visible: true, active: true)
            : Task.CompletedTask;

    private Task OnRoomEventAsync(HubClient client, Guid roomId, ChatEvent chatEvent)
    {
        if (chatEvent is RoomDeleted) client.DropRoom(roomId);
        return SendAsync(client, chatEvent);
    }

    private Task OnUserEventAsync(HubClient client, ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RoomLeft left:
                // Removed, left or deleted: stop at once, before anything else of that room can arrive.
                client.DropRoom(left.RoomId);
                break;
            case ApiCredentialRevoked revoked when revoked.CredentialId == client.CredentialId:
                logger.LogInformation("Closing hub connection {ConnectionId}: its credential was revoked", client.Context.ConnectionId);
                client.Context.Abort();
                return Task.CompletedTask;
            case AccountSuspended:
                logger.LogInformation("Closing hub connection {ConnectionId}: its account was suspended", client.Context.ConnectionId);
                client.Context.Abort();
                return Task.CompletedTask;
            case RoomUpdated { Room.Id: var roomId } when client.Rooms.ContainsKey(roomId):
                // The room's own topic brings the same news to a connection that follows it.
                return Task.CompletedTask;
        }
        return SendAsync(client, chatEvent);
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

    private sealed class HubClient(HubCallerContext context, Guid userId, Guid? credentialId) : IAsyncDisposable
    {
        public HubCallerContext Context { get; } = context;
        public Guid UserId { get; } = userId;
        public Guid? CredentialId { get; } = credentialId;
        public IDisposable? UserSubscription { get; set; }
        public IAsyncDisposable? Presence { get; set; }
        public ConcurrentDictionary<Guid, IDisposable> Rooms { get; } = new();
        public ConcurrentDictionary<Guid, IDisposable> People { get; } = new();

        public bool DropRoom(Guid roomId)
        {
            if (!Rooms.TryRemove(roomId, out var subscription)) return false;
            subscription.Dispose();
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            UserSubscription?.Dispose();
            foreach (var roomId in Rooms.Keys) DropRoom(roomId);
            foreach (var (_, subscription) in People) subscription.Dispose();
            People.Clear();
            if (Presence is not null) await Presence.DisposeAsync();
        }
    }
}
