using BlazorChat.Core.Events;

namespace BlazorChat.Core.Typing;

/// <summary>Someone started (or stopped) typing in a room. Viewers forget it after <see cref="TypingIndicatorState.Expiry"/>.</summary>
public sealed record UserTyping(Guid RoomId, Guid UserId, string DisplayName, bool IsTyping) : ChatEvent
{
    public override string Topic => Topics.Room(RoomId);
}
