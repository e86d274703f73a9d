using BlazorChat.Core.Events;

namespace BlazorChat.Core.Presence;

/// <summary>What others see of a person's presence changed. Published on that person's presence topic.</summary>
public sealed record PresenceChanged(Guid UserId, PresenceView Presence) : ChatEvent
{
    public override string Topic => Topics.Presence(UserId);
}

/// <summary>
/// What one node knows of the people with a tab or connection on it. Nodes send these to one
/// another on every change (<see cref="IsFullState"/> false: only the people listed changed) and as a
/// heartbeat with everyone (<see cref="IsFullState"/> true: anyone not listed has nothing open
/// there). A node not heard from for <see cref="PresenceTracker.NodeSilenceLimit"/> counts as gone.
/// </summary>
public sealed record NodePresenceReported(string NodeId, IReadOnlyList<NodePresence> People, bool IsFullState) : ChatEvent
{
    public override string Topic => Topics.Nodes;
}

/// <summary>One person's status from the tabs and connections on one node, with their privacy settings.</summary>
public sealed record NodePresence(Guid UserId, PresenceStatus Status, DateTimeOffset? LastSeenAt, bool HideOnlineStatus, bool HideLastSeen);

/// <summary>A person changed do-not-disturb or their privacy settings on <paramref name="NodeId"/>; the other nodes read them again.</summary>
public sealed record PresenceSettingsChanged(string NodeId, Guid UserId) : ChatEvent
{
    public override string Topic => Topics.Nodes;
}
