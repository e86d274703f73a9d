namespace BlazorChat.Core.Rooms;

/// <summary>A room as a sidebar shows it for one member.</summary>
public sealed record RoomListItem(Guid Id, string Slug, string Name, RoomKind Kind, long LastSeq, long LastReadSeq)
{
    public long UnreadCount => Math.Max(0, LastSeq - LastReadSeq);
}

/// <summary>A public channel in the directory.</summary>
public sealed record DirectoryEntry(Guid Id, string Slug, string Name, string Topic, int MemberCount, bool IsMember);

/// <summary>A room as its viewer sees it, with the viewer's membership if any.</summary>
public sealed record RoomView(
    Guid Id,
    string Slug,
    string Name,
    string Topic,
    RoomKind Kind,
    bool IsArchived,
    long LastSeq,
    RoomRole? ViewerRole,
    long ViewerLastReadSeq)
{
    public bool IsMember => ViewerRole is not null;
}
