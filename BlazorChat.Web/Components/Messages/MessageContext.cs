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

    private RoomView _room = room;
    private readonly HashSet<Guid> _savedIds = [];

    /// <summary>The room, with the viewer's role in it (null when only reading a public channel).</summary>
    public RoomView Room
    {
        get => _room;
        set
        {
            if (ReferenceEquals(_room, value)) return;
            _room = value;
            Version++;
        }
    }

    public ViewerClock Clock { get; } = clock;

    public IMessageActions Actions { get; } = actions;

    /// <summary>
    /// Goes up whenever something a message row shows beside the message itself changes (the room
    /// and the viewer's role in it, the saved messages): a row that is handed the same message
    /// again renders again only when this moved (see <see cref="MessageItem"/>).
    /// </summary>
    public int Version { get; private set; }

    /// <summary>Replaces the saved messages of this room (after loading a room).</summary>
    public void ResetSaved(IEnumerable<Guid> messageIds)
    {
        _savedIds.Clear();
        _savedIds.UnionWith(messageIds);
        Version++;
    }

    /// <summary>Notes that the viewer saved, or no longer saves, a message; kept current by the timeline.</summary>
    public void SetSaved(Guid messageId, bool saved)
    {
        if (saved ? _savedIds.Add(messageId) : _savedIds.Remove(messageId)) Version++;
    }

    public bool IsMember => Room.ViewerRole is not null;

    public bool CanReact(MessageView m) => MessageRules.WhyCannotReact(Room.ViewerRole, Room.IsArchived, m.IsDeleted) is null;

    /// <summary>Replying and quoting are posting: members, not archived, and the room's posting policy.</summary>
    public bool CanReply(MessageView m) => Room.PostRefusal is null && !m.IsDeleted;

    public bool CanEdit(MessageView m) => MessageRules.WhyCannotEdit(ViewerId, Room.ViewerRole, Room.IsArchived, m.AuthorId, m.IsDeleted) is null;

    public bool CanDelete(MessageView m) => MessageRules.WhyCannotDelete(ViewerId, Room.ViewerRole, Room.IsArchived, m.AuthorId, m.IsDeleted) is null;

    public bool CanPin(MessageView m) => MessageRules.WhyCannotPin(Room.ViewerRole, Room.IsArchived, !m.IsPinned && m.IsDeleted) is null;

    public bool IsSaved(MessageView m) => _savedIds.Contains(m.Id);

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
