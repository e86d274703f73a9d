namespace BlazorChat.Core.Rooms;

/// <summary>
/// A room as a sidebar shows it for one member. <see cref="Name"/> is what this member sees: for a
/// direct message, the other person's display name.
/// </summary>
public sealed record RoomListItem(Guid Id, string Slug, string Name, RoomKind Kind, long LastSeq, long LastReadSeq)
{
    public long UnreadCount => Math.Max(0, LastSeq - LastReadSeq);

    /// <summary>For a direct message, the other person (whose presence the sidebar shows).</summary>
    public Guid? PeerId { get; init; }

    /// <summary>True for direct and group messages, which a sidebar lists apart from channels.</summary>
    public bool IsConversation => Kind is RoomKind.DirectMessage or RoomKind.GroupMessage;

    /// <summary>The item after a change of the room's settings; a direct message keeps its per-viewer name.</summary>
    public RoomListItem With(RoomDetails room) => this with
    {
        Name = Kind == RoomKind.DirectMessage ? Name : room.Name,
        Slug = room.Slug,
    };

    /// <summary>Sidebar order: by name, ignoring case.</summary>
    public static readonly IComparer<RoomListItem> ByName =
        Comparer<RoomListItem>.Create((a, b) => StringComparer.CurrentCultureIgnoreCase.Compare(a.Name, b.Name));
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
    long ViewerLastReadSeq,
    PostingPolicy PostingPolicy = PostingPolicy.Everyone,
    int MemberLimit = Room.DefaultMemberLimit)
{
    public bool IsMember => ViewerRole is not null;

    /// <summary>
    /// Whether the viewer may do <paramref name="action"/> here. The same rule the service applies,
    /// so a view shows only what will be allowed (the service still checks again).
    /// </summary>
    public bool Can(RoomAction action) => RoomAccess.Refusal(action, Kind, IsArchived, ViewerRole) is null;

    /// <summary>Why the viewer may not post here (not a member, archived, moderators only), or null when they may.</summary>
    public string? PostRefusal => RoomAccess.PostRefusal(IsArchived, PostingPolicy, ViewerRole);

    /// <summary>Whether the viewer's role is above <paramref name="role"/>: who they may remove or re-role.</summary>
    public bool Outranks(RoomRole role) => ViewerRole is { } own && own > role;

    /// <summary>The view after a change of the room's settings; a direct message keeps its per-viewer name.</summary>
    public RoomView With(RoomDetails room) => this with
    {
        Slug = room.Slug,
        Name = Kind == RoomKind.DirectMessage ? Name : room.Name,
        Topic = room.Topic,
        IsArchived = room.IsArchived,
        PostingPolicy = room.PostingPolicy,
        MemberLimit = room.MemberLimit,
    };
}

/// <summary>What a room is, the same for every viewer: carried by <see cref="RoomUpdated"/>.</summary>
public sealed record RoomDetails(
    Guid Id,
    string Slug,
    string Name,
    string Topic,
    RoomKind Kind,
    bool IsArchived,
    PostingPolicy PostingPolicy,
    int MemberLimit)
{
    internal static RoomDetails Of(Room room) =>
        new(room.Id, room.Slug, room.Name, room.Topic, room.Kind, room.IsArchived, room.PostingPolicy, room.MemberLimit);
}

/// <summary>A member of a room as the member list shows them.</summary>
public sealed record RoomMemberView(Guid UserId, string Username, string DisplayName, RoomRole Role);

/// <summary>The settings an admin can change: name, topic, who may post and how many may join.</summary>
public sealed record RoomSettings(string Name, string? Topic, PostingPolicy PostingPolicy, int MemberLimit);
