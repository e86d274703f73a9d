namespace BlazorChat.Core.Messages;

/// <summary>A message as a viewer sees it: author names resolved, HTML ready, deleted bodies withheld.</summary>
public sealed record MessageView(
    Guid Id,
    Guid RoomId,
    long Seq,
    Guid ClientMessageId,
    Guid AuthorId,
    string AuthorUsername,
    string AuthorDisplayName,
    string BodyHtml,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool IsDeleted);
