using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Presence;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Typing;

namespace BlazorChat.Web.Hubs;

/// <summary>
/// What a hub client receives for each bus event: one client method name and its payload. The
/// names are the hub's public contract (documented in the OpenAPI description); events that are
/// not for clients map to null.
/// </summary>
internal static class HubEvents
{
    public static (string Method, object Payload)? Describe(ChatEvent chatEvent) => chatEvent switch
    {
        MessagePosted e => ("messagePosted", e.Message),
        MessageChanged e => ("messageChanged", e.Message),
        UserTyping e => ("typing", e),
        RoomReadBy e => ("readMarker", e),
        RoomMembersChanged e => ("membersChanged", e),
        RoomUpdated e => ("roomUpdated", e.Room),
        RoomDeleted e => ("roomDeleted", e),
        RoomJoined e => ("roomJoined", e.Room),
        RoomLeft e => ("roomLeft", e),
        ReadMarkerMoved e => ("readMarkerMoved", e),
        MentionReceived e => ("mentioned", e.Message),
        SavedMessagesChanged e => ("savedMessagesChanged", e),
        PresenceChanged e => ("presence", e),
        // News from other nodes may have been missed: fetch each followed room after the newest Seq held.
        ResyncRequested e => ("resync", new { e.Reason }),
        ApiCredentialRevoked or DirectoryChanged => null,
        _ => null,
    };
}
