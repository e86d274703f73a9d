using BlazorChat.Core.Messages;
using BlazorChat.Core.Presence;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Typing;
using BlazorChat.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BlazorChat.Web.Hubs;

/// <summary>
/// The real-time endpoint for external clients (<c>/hubs/chat</c>). A thin adapter like the REST
/// endpoints: every call goes through the same Core service, which authorizes again; events come
/// from <see cref="HubRelay"/>. Refusals reach the client as <see cref="HubException"/> (see <see cref="ChatHubFilter"/>).
/// </summary>
[Authorize(Policy = ApiAuthentication.Policy)]
public sealed class ChatHub(
    HubRelay relay,
    RoomService rooms,
    MessageService messages,
    TypingService typing,
    ReadStateService readState) : Hub
{
    private Guid UserId => Context.User!.Id();

    public override Task OnConnectedAsync() =>
        relay.ConnectAsync(Context, UserId, ApiAuthentication.CredentialId(Context.User!));

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectAsync(Context.ConnectionId);

    /// <summary>Follows a room the caller may read (a member, or anyone for a public channel) and returns it.</summary>
    public Task<RoomView> SubscribeRoom(Guid roomId) =>
        relay.SubscribeRoomAsync(Context.ConnectionId, roomId, () => rooms.GetAsync(UserId, roomId, Context.ConnectionAborted));

    /// <summary>Stops following a room; false when it was not followed.</summary>
    public Task<bool> UnsubscribeRoom(Guid roomId) => relay.UnsubscribeRoomAsync(Context.ConnectionId, roomId);

    /// <summary>Sends a message, as <c>POST /api/v1/rooms/{roomId}/messages</c> does; a retry with the same <c>clientMessageId</c> stores nothing new.</summary>
    public async Task<MessageView> SendMessage(Guid roomId, SendMessageRequest request)
    {
        await relay.ReportActivityAsync(Context.ConnectionId);
        var clientMessageId = request.ClientMessageId is { } id && id != Guid.Empty ? id : Guid.NewGuid();
        return await messages.SendAsync(UserId, roomId, clientMessageId, request.Body ?? "",
            new SendOptions(request.ThreadRootId, request.QuotedMessageId, request.AttachmentIds), Context.ConnectionAborted);
    }

    /// <summary>Tells the room the caller is typing (relayed at most every 3 seconds) or stopped.</summary>
    public async Task Typing(Guid roomId, bool isTyping)
    {
        await relay.ReportActivityAsync(Context.ConnectionId);
        if (isTyping) await typing.NotifyTypingAsync(UserId, roomId, Context.ConnectionAborted);
        else await typing.NotifyStoppedAsync(UserId, roomId, Context.ConnectionAborted);
    }

    /// <summary>Moves the caller's read marker forward; returns the marker as stored.</summary>
    public async Task<long> MarkRead(Guid roomId, long lastReadSeq)
    {
        await relay.ReportActivityAsync(Context.ConnectionId);
        return await readState.MarkReadAsync(UserId, roomId, lastReadSeq, Context.ConnectionAborted);
    }

    /// <summary>Follows the presence of these people; returns what is known of them now.</summary>
    public IReadOnlyList<PresenceChanged> WatchPresence(Guid[] userIds) => relay.WatchPresence(Context.ConnectionId, userIds ?? []);
}
