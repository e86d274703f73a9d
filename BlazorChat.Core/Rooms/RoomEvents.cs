using BlazorChat.Core.Events;

namespace BlazorChat.Core.Rooms;

/// <summary>A user became a member of a room; every tab of that user adds it to the sidebar.</summary>
public sealed record RoomJoined(Guid UserId, RoomListItem Room) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>Why a user stopped being a member of a room.</summary>
public enum RoomLeftReason
{
    /// <summary>They left themselves.</summary>
    Left,

    /// <summary>A moderator or admin removed them.</summary>
    Removed,

    /// <summary>The room was deleted.</summary>
    Deleted,
}

/// <summary>
/// A user is no longer a member of a room; every tab of that user drops it from the sidebar and
/// stops showing a private room's messages at once.
/// </summary>
public sealed record RoomLeft(Guid UserId, Guid RoomId, RoomLeftReason Reason) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>How a room's member list changed.</summary>
public enum MemberChange
{
    Added,
    Left,
    Removed,
    RoleChanged,
}

/// <summary>A room's member list changed; member lists refresh and a member whose role changed sees what they may now do.</summary>
public sealed record RoomMembersChanged(Guid RoomId, RoomMemberView Member, MemberChange Change) : ChatEvent
{
    public override string Topic => Topics.Room(RoomId);
}

/// <summary>
/// A room's settings or archived state changed. Published on the room's topic (for the open room)
/// and once per member on their user topic (<see cref="ForUserId"/> set), for their sidebars.
/// </summary>
public sealed record RoomUpdated(RoomDetails Room, Guid? ForUserId = null) : ChatEvent
{
    public override string Topic => ForUserId is { } userId ? Topics.User(userId) : Topics.Room(Room.Id);
}

/// <summary>
/// A room was deleted: anyone viewing it, members or not, loses it. Members also get
/// <see cref="RoomLeft"/> with <see cref="RoomLeftReason.Deleted"/> on their own topic.
/// </summary>
public sealed record RoomDeleted(Guid RoomId) : ChatEvent
{
    public override string Topic => Topics.Room(RoomId);
}

/// <summary>The set of public channels changed (one was created, renamed, archived or deleted); directory views refresh.</summary>
public sealed record DirectoryChanged(Guid RoomId) : ChatEvent
{
    public override string Topic => Topics.Directory;
}
