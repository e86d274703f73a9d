namespace BlazorChat.Core.ReadState;

/// <summary>Unread messages and mentions of one room for one member. Counts stop at <see cref="Cap"/>.</summary>
public readonly record struct RoomUnread(Guid RoomId, int Unread, int Mentions)
{
    /// <summary>Counting stops here (shown as "999+"); counting further would cost without telling more.</summary>
    public const int Cap = 1000;
}

/// <summary>A member's read position in a room: the last message they read, the room's last message, and what is unread.</summary>
public sealed record ReadMarker(Guid RoomId, long LastReadSeq, long LastSeq, int Unread, int Mentions);

/// <summary>How far another member has read.</summary>
public sealed record ReadReceipt(Guid UserId, string DisplayName, long LastReadSeq);

/// <summary>The words under a message for who has seen it.</summary>
public static class ReadReceiptText
{
    /// <summary>
    /// "Seen" in a direct message; "Seen by Alice", "Seen by Alice and Bob", "Seen by Alice, Bob
    /// and 3 others" elsewhere; null when nobody has.
    /// </summary>
    public static string? Describe(IReadOnlyList<string> readers, bool isDirectMessage)
    {
        if (readers.Count == 0) return null;
        if (isDirectMessage) return "Seen";
        return readers.Count switch
        {
            1 => $"Seen by {readers[0]}",
            2 => $"Seen by {readers[0]} and {readers[1]}",
            3 => $"Seen by {readers[0]}, {readers[1]} and {readers[2]}",
            _ => $"Seen by {readers[0]}, {readers[1]} and {readers.Count - 2} others",
        };
    }
}
