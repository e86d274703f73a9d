using BlazorChat.Core.Events;

namespace BlazorChat.Core.Rooms;

/// <summary>A user became a member of a room; every tab of that user adds it to the sidebar.</summary>
public sealed record RoomJoined(Guid UserId, RoomListItem Room) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>The set of public channels changed (one was created); directory views refresh.</summary>
public sealed record DirectoryChanged(Guid RoomId) : ChatEvent
{
    public override string Topic => Topics.Directory;
}
