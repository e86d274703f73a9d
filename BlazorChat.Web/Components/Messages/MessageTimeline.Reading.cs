using BlazorChat.Core.Messages;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Web.Components.Presence;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Web.Components.Messages;

/// <summary>
/// Reading: the read marker advances only while this tab is visible and focused and shows the
/// room's end; the "New messages" divider sits at the first message that was unread on opening;
/// receipts say who has seen the viewer's last message. "Mark as unread" moves the marker back and
/// holds it there (the room stays unread while it is on screen) until the viewer marks it read or
/// opens the room again.
/// </summary>
public partial class MessageTimeline
{
    [Inject] private ReadStateService ReadState { get; set; } = default!;
    [Inject] private ViewerActivity Activity { get; set; } = default!;

    private long _markedSeq;
    private long? _firstUnreadSeq;
    private bool _keptUnread;
    private readonly Dictionary<Guid, (string Name, long LastReadSeq)> _readers = [];

    /// <summary>Called when a room is (re)loaded: remembers where the unread part starts and who read how far.</summary>
    private async Task StartReadingAsync()
    {
        _markedSeq = Room.ViewerLastReadSeq;
        _lastMarkAt = default;
        _keptUnread = false;
        _firstUnreadSeq = _window.Messages
            .FirstOrDefault(m => m.Seq > Room.ViewerLastReadSeq && m.AuthorId != UserId && !m.IsThreadReply)?.Seq;
        _readers.Clear();
        if (!Room.IsMember) return;
        foreach (var receipt in await ReadState.GetReceiptsAsync(UserId, Room.Id))
            _readers[receipt.UserId] = (receipt.DisplayName, receipt.LastReadSeq);
    }

    /// <summary>
    /// The read marker moves at most this often while messages keep arriving: every move is a write
    /// and an event to every member's tab, so a busy room would otherwise cost one of each per
    /// message and per reader. The last move of a burst still happens, this much later at most.
    /// </summary>
    public static readonly TimeSpan MarkReadInterval = TimeSpan.FromSeconds(1);

    private DateTimeOffset _lastMarkAt;
    private bool _markPending;

    /// <summary>Moves the read marker to the newest message shown, if the reader can see it.</summary>
    private async Task MarkReadIfAttendingAsync()
    {
        if (!Room.IsMember || _keptUnread || !Activity.IsAttending || _window.HasNewer) return;
        var newest = _window.NewestSeq;
        if (newest <= _markedSeq) return;
        var wait = _lastMarkAt + MarkReadInterval - Time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            if (!_markPending)
            {
                _markPending = true;
                _ = MarkReadLaterAsync(wait);
            }
            return;
        }
        _lastMarkAt = Time.GetUtcNow();
        _markedSeq = newest;
        try
        {
            _markedSeq = await ReadState.MarkReadAsync(UserId, Room.Id, newest);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Could not move the read marker in room {RoomId}", Room.Id);
        }
    }

    private async Task MarkReadLaterAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, Time);
            await InvokeAsync(async () =>
            {
                _markPending = false;
                if (!_disposed) await MarkReadIfAttendingAsync();
            });
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Could not move the read marker in room {RoomId}", Room.Id);
        }
    }

    public Task MarkUnreadAsync(MessageView message) => RunAsync(async () =>
    {
        _markedSeq = await ReadState.MarkUnreadAsync(UserId, Room.Id, message.Seq);
        _keptUnread = true;
        _firstUnreadSeq = message.Seq;
        Announce("Marked as unread.");
    });

    /// <summary>Ends a "mark as unread": everything shown counts as read again.</summary>
    private Task MarkReadAsync() => RunAsync(async () =>
    {
        _keptUnread = false;
        _firstUnreadSeq = null;
        _markedSeq = await ReadState.MarkReadAsync(UserId, Room.Id, _window.KnownLastSeq);
        Announce("Marked as read.");
    });

    private Task OnAttentionChangedAsync() => InvokeAsync(MarkReadIfAttendingAsync);

    private void ApplyReceipt(RoomReadBy read)
    {
        if (read.UserId == UserId) return;
        _readers[read.UserId] = (read.DisplayName, read.LastReadSeq);
    }

    /// <summary>"Seen" / "Seen by …" for the viewer's own message when it is the newest one shown; else null.</summary>
    private string? ReceiptText
    {
        get
        {
            var last = _window.Messages.LastOrDefault(m => !m.IsThreadReply);
            if (last is null || last.AuthorId != UserId || last.IsDeleted || _window.HasNewer) return null;
            var readers = _readers.Values.Where(r => r.LastReadSeq >= last.Seq).Select(r => r.Name).ToList();
            return ReadReceiptText.Describe(readers, Room.Kind == RoomKind.DirectMessage);
        }
    }
}
