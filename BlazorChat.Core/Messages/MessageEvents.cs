using BlazorChat.Core.Events;

namespace BlazorChat.Core.Messages;

/// <summary>A message was stored in a room.</summary>
public sealed record MessagePosted(MessageView Message) : ChatEvent
{
    public override string Topic => Topics.Room(Message.RoomId);
}
