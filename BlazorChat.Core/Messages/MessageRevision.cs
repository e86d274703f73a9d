namespace BlazorChat.Core.Messages;

/// <summary>A body a message had before an edit; the edit history is these, oldest first.</summary>
public class MessageRevision
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public string Body { get; set; } = "";
    public string BodyHtml { get; set; } = "";

    /// <summary>When this body was replaced.</summary>
    public DateTimeOffset ReplacedAt { get; set; }
}

/// <summary>One person's emoji on one message.</summary>
public class Reaction
{
    public const int EmojiMaxLength = 64;
    public const int MaxDistinctPerMessage = 20;

    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public string Emoji { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person named in a message with @username; feeds the mentions view and notifications.</summary>
public class Mention
{
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public Guid RoomId { get; set; }
}

/// <summary>A message a person saved for later.</summary>
public class SavedMessage
{
    public Guid UserId { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
