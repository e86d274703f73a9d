using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Web.Components.Shared;

namespace BlazorChat.Web.Components.Messages;

/// <summary>
/// What a message shown in a room needs to know about its viewer and what it can ask for:
/// cascaded by <see cref="MessageTimeline"/> to every <see cref="MessageItem"/>, in the main
/// timeline and in panels. Which actions to offer comes from <see cref="MessageRules"/>, the same
/// rules Core enforces.
/// </summary>
public sealed class MessageContext(Guid viewerId, RoomView room, ViewerClock clock, IMessageActions actions)
{
    public Guid ViewerId { get; } = viewerId;

    /// <summary>The room, with the viewer's role in it (null when only reading a public channel).</summary>
    public RoomView Room { get; set; } = room;

    public ViewerClock Clock { get; } = clock;

    public IMessageActions Actions { get; } = actions;

    /// <summary>The messages of this room the viewer saved; kept current by the timeline.</summary>
    public HashSet<Guid> SavedIds { get; } = [];

    public bool IsMember => Room.ViewerRole is not null;

    public bool CanReact(MessageView m) => MessageRules.WhyCannotReact(Room.ViewerRole, Room.IsArchived, m.IsDeleted) is null;

    /// <summary>Replying and quoting are posting: members, not archived, and the room's posting policy.</summary>
    public bool CanReply(MessageView m) => Room.PostRefusal is null && !m.IsDeleted;

    public bool CanEdit(MessageView m) => MessageRules.WhyCannotEdit(ViewerId, Room.ViewerRole, Room.IsArchived, m.AuthorId, m.IsDeleted) is null;

    public bool CanDelete(MessageView m) => MessageRules.WhyCannotDelete(ViewerId, Room.ViewerRole, Room.IsArchived, m.AuthorId, m.IsDeleted) is null;

    public bool CanPin(MessageView m) => MessageRules.WhyCannotPin(Room.ViewerRole, Room.IsArchived, !m.IsPinned && m.IsDeleted) is null;

    public bool IsSaved(MessageView m) => SavedIds.Contains(m.Id);

    /// <summary>Members report other people's messages that are still there.</summary>
    public bool CanReport(MessageView m) => IsMember && !m.IsDeleted && m.AuthorId != ViewerId;

    /// <summary>Only members have a read marker, and only top-level messages count as unread.</summary>
    public bool CanMarkUnread(MessageView m) => IsMember && !m.IsThreadReply;

    /// <summary>The path of a deep link to <paramref name="m"/>, relative to the app's base.</summary>
    public string LinkTo(MessageView m) => $"r/{Room.Slug}/{m.Seq}";
}

/// <summary>The actions a message offers; each calls the Core write path and reports failures to the person.</summary>
public interface IMessageActions
{
    Task ToggleReactionAsync(MessageView message, string emoji);

    /// <summary>Saves a new body; returns the refusal to show beside the editor, or null when saved.</summary>
    Task<string?> EditAsync(MessageView message, string body);

    /// <summary>Asks for confirmation (and a reason, for a moderator deleting someone else's message), then deletes.</summary>
    Task DeleteAsync(MessageView message);

    Task ShowHistoryAsync(MessageView message);

    Task OpenThreadAsync(MessageView message);

    Task TogglePinAsync(MessageView message);

    Task ToggleSavedAsync(MessageView message);

    /// <summary>Makes the next message of the main composer quote <paramref name="message"/>.</summary>
    Task QuoteAsync(MessageView message);

    Task CopyLinkAsync(MessageView message);

    /// <summary>Moves the viewer's read marker back so the room is unread from <paramref name="message"/> on.</summary>
    Task MarkUnreadAsync(MessageView message);

    /// <summary>Opens the message where it is in the room (from a panel).</summary>
    Task JumpToAsync(MessageView message);

    /// <summary>Asks for a reason, then reports the message to the site's moderators.</summary>
    Task ReportAsync(MessageView message);
}
