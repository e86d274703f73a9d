using System.Collections.Frozen;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Notifications;
using BlazorChat.Core.Presence;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Sessions;
using BlazorChat.Core.Settings;
using BlazorChat.Core.Typing;
using BlazorChat.Core.Users;

namespace BlazorChat.Core.Events;

/// <summary>
/// The events that travel between nodes, by name. A name read from another node is looked up
/// here and nowhere else (never <c>Type.GetType</c>): an unknown name is dropped. Events not listed
/// stay on the node that published them (<see cref="PresenceChanged"/>, which each node works
/// out from the nodes' reports, and <see cref="ResyncRequested"/>).
/// </summary>
public static class EventTypes
{
    private static readonly FrozenDictionary<string, Type> ByName = new[]
    {
        typeof(MessagePosted), typeof(MessageChanged), typeof(SavedMessagesChanged), typeof(MentionReceived),
        typeof(RoomJoined), typeof(RoomLeft), typeof(RoomMembersChanged), typeof(RoomUpdated), typeof(RoomDeleted),
        typeof(DirectoryChanged), typeof(UserTyping), typeof(ReadMarkerMoved), typeof(RoomReadBy),
        typeof(NotificationLevelChanged), typeof(AccountSuspended), typeof(UserWarned), typeof(MemberMuted),
        typeof(ReportQueueChanged), typeof(SiteSettingsChanged), typeof(ApiCredentialRevoked),
        typeof(NodePresenceReported), typeof(PresenceSettingsChanged), typeof(ProfileSettingsChanged),
        typeof(BrowserSessionsRevoked),
    }.ToFrozenDictionary(type => type.Name);

    private static readonly FrozenDictionary<Type, string> ByType = ByName.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>Every event type that other nodes receive.</summary>
    public static IEnumerable<Type> Shared => ByName.Values;

    /// <summary>The name <paramref name="type"/> travels under; false for events that stay on this node.</summary>
    public static bool TryGetName(Type type, out string name) => ByType.TryGetValue(type, out name!);

    /// <summary>The event type named <paramref name="name"/>; false for anything not on the list.</summary>
    public static bool TryGetType(string name, out Type type) => ByName.TryGetValue(name, out type!);
}
