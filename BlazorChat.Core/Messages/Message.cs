namespace BlazorChat.Core.Messages;

/// <summary>A message in a room. The markdown source is kept beside the HTML rendered from it at write time.</summary>
public class Message
{
    public const int BodyMaxLength = 10_000;

    public Guid Id { get; set; }
    public Guid RoomId { get; set; }

    /// <summary>Position in the room: gap-free, starting at 1, allocated in the inserting transaction.</summary>
    public long Seq { get; set; }

    public Guid AuthorId { get; set; }

    /// <summary>The sender's id for this message; a retried send with the same id returns the stored message.</summary>
    public Guid ClientMessageId { get; set; }

    public string Body { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Who deleted it when that was not the author (a moderator), and why.</summary>
    public Guid? DeletedById { get; set; }
    public string? DeleteReason { get; set; }
    public const int ReasonMaxLength = 500;

    /// <summary>The thread this message replies in, or null for a message in the room's main timeline.</summary>
    public Guid? ThreadRootId { get; set; }

    /// <summary>On a thread root: how many replies it has and when the last one came.</summary>
    public int ReplyCount { get; set; }
    public DateTimeOffset? LastReplyAt { get; set; }

    /// <summary>The message this one quotes (quote-reply), if any.</summary>
    public Guid? QuotedMessageId { get; set; }

    /// <summary>Set while the message is pinned in its room.</summary>
    public DateTimeOffset? PinnedAt { get; set; }
    public Guid? PinnedById { get; set; }

    /// <summary>True when the rendered body holds a link: what the search filter <c>has:link</c> finds.</summary>
    public bool HasLink { get; set; }

    /// <summary>True when the message notifies everyone in the room (@here, @room).</summary>
    public bool MentionsRoom { get; set; }
}
