using BlazorChat.Core.Events;
using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Web.Hubs;

public sealed partial class HubRelay
{
    /// <summary>
    /// This node's subscription to one room's topic and its connections that follow the room.
    /// <see cref="_sending"/> orders sends against connections being admitted or dropped.
    /// </summary>
    private sealed class RoomFeed(Guid roomId)
    {
        private readonly Lock _sending = new();
        private readonly HashSet<string> _pending = [];
        private readonly HashSet<string> _followers = [];
        private bool _closed;

        public Guid RoomId { get; } = roomId;
        public string Group { get; } = Topics.Room(roomId);
        public IDisposable? Subscription { get; set; }

        /// <summary>Connections following or being authorized (under the relay's gate); the subscription ends at zero.</summary>
        public int Users { get; set; }

        public void AddPending(string connectionId)
        {
            lock (_sending) _pending.Add(connectionId);
        }

        /// <summary>A pending connection joined the group and was authorized; false when it was dropped meanwhile.</summary>
        public bool Admit(string connectionId)
        {
            lock (_sending) return _pending.Remove(connectionId) && _followers.Add(connectionId);
        }

        public void Drop(string connectionId)
        {
            lock (_sending)
                if (!_pending.Remove(connectionId)) _followers.Remove(connectionId);
        }

        public int FollowerCount
        {
            get { lock (_sending) return _closed ? 0 : _followers.Count; }
        }

        /// <summary>
        /// Sends one event to the group, serialized once (a node on its own: the group is this
        /// node's). The lock is held while the send starts (it only queues each connection's write),
        /// so a connection is admitted or dropped between two events, never during one.
        /// </summary>
        public (Task Sending, int Followers) SendToGroup(IHubContext<ChatHub> hub, string method, object payload)
        {
            lock (_sending)
            {
                // A delivery that started before the subscription ended: a newer feed of the room may have the group now.
                if (_closed) return (Task.CompletedTask, 0);
                // Also with no follower admitted yet: one that joined is reading the view it will be given.
                return (hub.Clients.Group(Group).SendAsync(method, payload), _followers.Count);
            }
        }

        /// <summary>Sends one event to this node's followers only, each written directly (while Redis is unreachable).</summary>
        public Task SendHere(IHubContext<ChatHub> hub, string method, object payload)
        {
            lock (_sending)
                return _closed ? Task.CompletedTask : Task.WhenAll(_followers.Select(id => hub.Clients.Client(id).SendAsync(method, payload)));
        }

        public void Close()
        {
            lock (_sending) _closed = true;
            Subscription?.Dispose();
        }
    }
}
