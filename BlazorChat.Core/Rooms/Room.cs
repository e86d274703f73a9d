namespace BlazorChat.Core.Rooms;

public enum RoomKind
{
    PublicChannel = 0,
    PrivateChannel = 1,
    DirectMessage = 2,
    GroupMessage = 3,
}

public enum PostingPolicy
{
    Everyone = 0,
    ModeratorsOnly = 1,
}

/// <summary>A conversation: channel, direct message or group message.</summary>
public class Room
{
    public const int NameMaxLength = 80;
    public const int SlugMaxLength = 80;
    public const int TopicMaxLength = 250;
    public const int DefaultMemberLimit = 1000;

    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Topic { get; set; } = "";
    public RoomKind Kind { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool IsArchived { get; set; }
    public PostingPolicy PostingPolicy { get; set; }
    public int MemberLimit { get; set; } = DefaultMemberLimit;

    /// <summary>Days messages are kept; null keeps them forever.</summary>
    public int? RetentionDays { get; set; }

    /// <summary>
    /// The highest message sequence number handed out. Incremented in the sending transaction,
    /// so sequence numbers are gap-free and ordered per room.
    /// </summary>
    public long LastSeq { get; set; }

    /// <summary>
    /// For a direct message, the two member ids in a fixed order ("smaller:larger"), unique, so a
    /// pair has exactly one direct conversation. Null for every other kind.
    /// </summary>
    public string? DirectKey { get; set; }

    public const int DirectKeyMaxLength = 80;

    public List<RoomMember> Members { get; set; } = [];

    public bool IsListedInDirectory => Kind == RoomKind.PublicChannel && !IsArchived;
}
