using BlazorChat.Core.Events;

namespace BlazorChat.Core.ReadState;

/// <summary>A person's read position in a room changed; all their tabs recompute that room's counts.</summary>
public sealed record ReadMarkerMoved(Guid UserId, Guid RoomId, long LastReadSeq) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>A member read further in a room; read receipts in that room update.</summary>
public sealed record RoomReadBy(Guid RoomId, Guid UserId, string DisplayName, long LastReadSeq) : ChatEvent
{
    public override string Topic => Topics.Room(RoomId);
}
