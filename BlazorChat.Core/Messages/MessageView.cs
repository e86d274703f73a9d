using BlazorChat.Core.Attachments;

namespace BlazorChat.Core.Messages;

/// <summary>
/// A message as every reader of its room sees it: author names resolved, HTML ready, deleted
/// bodies withheld. It carries nothing that depends on who looks at it (did <em>I</em> react is
/// <see cref="ReactionGroup.Includes"/> with the viewer's id), so one view can be published to
/// every subscriber of the room.
/// </summary>
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
    bool IsDeleted)
{
    /// <summary>The markdown source (for the editor and plain-text snippets); empty once deleted.</summary>
    public string Body { get; init; } = "";

    /// <summary>True when a room moderator deleted it, not its author.</summary>
    public bool IsRemovedByModerator { get; init; }

    /// <summary>The thread this message replies in; null for a message of the main timeline.</summary>
    public Guid? ThreadRootId { get; init; }

    /// <summary>True for a thread reply: the main timeline does not show it (its root shows the count).</summary>
    public bool IsThreadReply => ThreadRootId is not null;

    /// <summary>On a thread root: how many replies it has and when the last one came.</summary>
    public int ReplyCount { get; init; }
    public DateTimeOffset? LastReplyAt { get; init; }

    /// <summary>The message this one quotes, as a short snippet; null when it quotes nothing or is deleted.</summary>
    public QuotedMessage? Quote { get; init; }

    /// <summary>Set while the message is pinned in its room.</summary>
    public DateTimeOffset? PinnedAt { get; init; }
    public bool IsPinned => PinnedAt is not null;

    /// <summary>True when the message notifies everyone in the room (@here, @room).</summary>
    public bool MentionsRoom { get; init; }

    /// <summary>Reactions, one group per emoji, in the order the emoji were first used; empty once deleted.</summary>
    public IReadOnlyList<ReactionGroup> Reactions { get; init; } = [];

    /// <summary>Files sent with it, in order; empty once deleted.</summary>
    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];

    /// <summary>The version of the author's profile picture (its URL changes with it); null for the generated one.</summary>
    public string? AuthorAvatarVersion { get; init; }
}

/// <summary>Everyone who reacted to a message with one emoji, in the order they reacted.</summary>
public sealed record ReactionGroup(string Emoji, IReadOnlyList<Guid> UserIds, IReadOnlyList<string> UserDisplayNames)
{
    public int Count => UserIds.Count;

    /// <summary>True when <paramref name="userId"/> reacted with this emoji: computed by each viewer for themselves.</summary>
    public bool Includes(Guid userId) => UserIds.Contains(userId);
}

/// <summary>What a quote-reply shows of the quoted message.</summary>
public sealed record QuotedMessage(Guid Id, long Seq, string AuthorDisplayName, string Snippet, bool IsDeleted)
{
    /// <summary>The most plain text a quote snippet shows.</summary>
    public const int SnippetLength = 200;
}

/// <summary>A thread: its root and every reply, in order.</summary>
public sealed record ThreadView(MessageView Root, IReadOnlyList<MessageView> Replies);

/// <summary>A message listed outside its room (saved, mentions, pins) with what a link to it needs: <c>/r/{RoomSlug}/{Seq}</c>.</summary>
public sealed record LinkedMessage(MessageView Message, string RoomSlug, string RoomName)
{
    public string Link => $"r/{RoomSlug}/{Message.Seq}";
}

/// <summary>A body a message had before an edit.</summary>
public sealed record MessageRevisionView(string BodyHtml, DateTimeOffset ReplacedAt);

/// <summary>Someone the composer can offer after "@": a room member, or <c>@here</c>/<c>@room</c> for moderators and up.</summary>
public sealed record MentionCandidate(string Username, string DisplayName, bool IsRoomMention = false);

/// <summary>Optional parts of a sent message.</summary>
/// <param name="ThreadRootId">Reply in this message's thread (a reply to a reply goes to its root).</param>
/// <param name="QuotedMessageId">Quote this message of the same room.</param>
/// <param name="AttachmentIds">The sender's uploads for this room to send with it, in order (at most five).</param>
public sealed record SendOptions(Guid? ThreadRootId = null, Guid? QuotedMessageId = null, IReadOnlyList<Guid>? AttachmentIds = null)
{
    public static readonly SendOptions None = new();
}
