namespace BlazorChat.Core.Rooms;

/// <summary>Room roles, ordered by power: a higher value may do what a lower one may.</summary>
public enum RoomRole
{
    Member = 0,
    Moderator = 1,
    Admin = 2,
    Owner = 3,
}

public enum NotificationLevel
{
    All = 0,
    Mentions = 1,
    Nothing = 2,
}

/// <summary>A person's membership in a room, with their role and read position.</summary>
public class RoomMember
{
    public Guid RoomId { get; set; }
    public Guid UserId { get; set; }
    public RoomRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>The highest sequence number this member has read in the room.</summary>
    public long LastReadSeq { get; set; }

    public bool IsFavourite { get; set; }
    public NotificationLevel NotificationLevel { get; set; }

    public Room? Room { get; set; }
}
