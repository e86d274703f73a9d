using System.Collections.Concurrent;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Web.Components.Shared;

namespace BlazorChat.Web.Components.ReadState;

/// <summary>
/// Unread and mention counts of every room of one circuit's user, live. A new message counts at
/// once; shortly after any change the room is recounted from the database, so the numbers never
/// drift from the truth (deletes, reads in another tab, mentions, reconnects).
/// </summary>
public sealed class UnreadTracker(ReadStateService readState, RoomService rooms, IEventBus events, CircuitConnection connection, ILogger<UnreadTracker> logger) : IDisposable
{
    /// <summary>Bursts of news in one room are recounted once per this interval.</summary>
    public static readonly TimeSpan RecountDelay = TimeSpan.FromMilliseconds(400);

    private readonly ConcurrentDictionary<Guid, RoomUnread> _counts = new();
    private readonly ConcurrentDictionary<Guid, IDisposable> _roomSubscriptions = new();
    private readonly ConcurrentDictionary<Guid, byte> _recountPending = new();
    private IDisposable? _userSubscription;
    private Guid _userId;
    private int _started;

    /// <summary>Raised after counts changed; handlers marshal to their own component.</summary>
    public event Action? Changed;

    public RoomUnread Get(Guid roomId) => _counts.TryGetValue(roomId, out var counts) ? counts : new RoomUnread(roomId, 0, 0);

    /// <summary>Unread messages over all rooms, for the tab title.</summary>
    public int TotalUnread => _counts.Values.Sum(c => c.Unread);

    /// <summary>Loads the counts and starts following the user's rooms. Idempotent.</summary>
    public async Task StartAsync(Guid userId)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        _userId = userId;
        _userSubscription = events.Subscribe(Topics.User(userId), OnUserEventAsync);
        connection.Reconnected += RecountAllAsync;
        foreach (var room in await rooms.ListMineAsync(userId)) Follow(room.Id);
        await RecountAllAsync();
    }

    /// <summary>Recounts everything, e.g. after the circuit reconnected.</summary>
    public async Task RecountAllAsync()
    {
        foreach (var (roomId, counts) in await readState.GetUnreadAsync(_userId)) _counts[roomId] = counts;
        Changed?.Invoke();
    }

    private void Follow(Guid roomId) =>
        _roomSubscriptions.GetOrAdd(roomId, id => events.Subscribe(Topics.Room(id), OnRoomEventAsync));

    private Task OnUserEventAsync(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case RoomJoined joined:
                Follow(joined.Room.Id);
                ScheduleRecount(joined.Room.Id);
                break;
            case ReadMarkerMoved moved:
                ScheduleRecount(moved.RoomId, TimeSpan.Zero);
                break;
        }
        return Task.CompletedTask;
    }

    private Task OnRoomEventAsync(ChatEvent chatEvent)
    {
        if (chatEvent is MessagePosted { Message: var message } && message.AuthorId != _userId)
        {
            // Count it now so the badge moves with the message; the recount confirms it.
            _counts.AddOrUpdate(message.RoomId, id => new RoomUnread(id, 1, 0), (_, c) => c with { Unread = c.Unread + 1 });
            Changed?.Invoke();
            ScheduleRecount(message.RoomId);
        }
        return Task.CompletedTask;
    }

    private void ScheduleRecount(Guid roomId, TimeSpan? delay = null)
    {
        if (!_recountPending.TryAdd(roomId, 0)) return;
        _ = RecountLaterAsync(roomId, delay ?? RecountDelay);
    }

    private async Task RecountLaterAsync(Guid roomId, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            _recountPending.TryRemove(roomId, out _);
            _counts[roomId] = await readState.GetUnreadAsync(_userId, roomId);
            Changed?.Invoke();
        }
        catch (Exception ex)
        {
            _recountPending.TryRemove(roomId, out _);
            logger.LogWarning(ex, "Recounting unread messages of room {RoomId} failed", roomId);
        }
    }

    /// <summary>Stops following a room the user no longer belongs to.</summary>
    public void Forget(Guid roomId)
    {
        if (_roomSubscriptions.TryRemove(roomId, out var subscription)) subscription.Dispose();
        _counts.TryRemove(roomId, out _);
        Changed?.Invoke();
    }

    public void Dispose()
    {
        connection.Reconnected -= RecountAllAsync;
        _userSubscription?.Dispose();
        foreach (var subscription in _roomSubscriptions.Values) subscription.Dispose();
        _roomSubscriptions.Clear();
    }
}
