using BlazorChat.Core.Events;

namespace BlazorChat.Core.Presence;

/// <summary>What others see of a person's presence changed. Published on that person's presence topic.</summary>
public sealed record PresenceChanged(Guid UserId, PresenceView Presence) : ChatEvent
{
    public override string Topic => Topics.Presence(UserId);
}
