using BlazorChat.Core.Events;

namespace BlazorChat.Core.Messages;

/// <summary>A message was stored in a room (thread replies included).</summary>
public sealed record MessagePosted(MessageView Message) : ChatEvent
{
    public override string Topic => Topics.Room(Message.RoomId);
}

/// <summary>
/// A stored message changed: edited, deleted, reacted to, pinned or unpinned, or its thread got a
/// reply. Subscribers replace the copy they hold with the same <c>Seq</c>.
/// </summary>
public sealed record MessageChanged(MessageView Message) : ChatEvent
{
    public override string Topic => Topics.Room(Message.RoomId);
}

/// <summary>A person saved or unsaved a message; every tab of theirs updates its labels and the saved list.</summary>
public sealed record SavedMessagesChanged(Guid UserId, Guid MessageId, bool IsSaved) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>A person was mentioned by name in a message (sent or edited in); their mentions view and notifications react.</summary>
public sealed record MentionReceived(Guid UserId, LinkedMessage Message) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}
