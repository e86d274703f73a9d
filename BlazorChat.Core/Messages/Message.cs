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
}
