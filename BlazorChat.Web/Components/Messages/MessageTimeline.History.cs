using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.ReadState;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BlazorChat.Web.Components.Messages;

/// <summary>
/// Loading, scrolling and live updates: the window starts at the room's end or around a deep-linked
/// message, pages load as the reader reaches the top or bottom (chat.js watches the edges), and the
/// bus keeps it current. Every message, thread replies included, is offered to the window so that
/// gaps are noticed; the layout then hides replies from the main timeline.
/// </summary>
public partial class MessageTimeline
{
    private readonly MessageWindow _window = new();
    private DotNetObjectReference<MessageTimeline>? _selfReference;
    private IDisposable? _roomSubscription;
    private IDisposable? _userSubscription;
    private ElementReference _scroller;
    private Guid _loadedRoomId;
    private long? _appliedFocusSeq;
    private long? _focusSeq;
    private long? _scrollToSeq;
    private bool _scrollToEnd;
    private bool _follow;
    private bool _restoreAnchor;
    private bool _recheckEdges;
    private bool _loadingOlder;
    private bool _loadingHistory;
    private bool _loadingNewer;
    private bool _rendered;

    protected override async Task OnParametersSetAsync()
    {
        _context.Room = Room;
        if (_loadedRoomId != Room.Id)
        {
            _loadedRoomId = Room.Id;
            _roomSubscription?.Dispose();
            _roomSubscription = null;
            _outbox.Clear();
            _quoting = null;
            _status = _error = null;
            ClosePanel();
            _appliedFocusSeq = FocusSeq;
            _loadingHistory = true;
            try
            {
                if (FocusSeq is { } seq) await LoadAroundAsync(seq);
                else await LoadLatestAsync();
            }
            finally
            {
                _loadingHistory = false;
            }
            await StartReadingAsync();
            _context.ResetSaved(await Saved.GetSavedIdsAsync(UserId, Room.Id));
            if (_rendered) await SubscribeAsync();
        }
        else if (FocusSeq != _appliedFocusSeq)
        {
            _appliedFocusSeq = FocusSeq;
            if (FocusSeq is not { } seq) _focusSeq = null;
            else if (_window.Find(seq) is not null) FocusOn(seq);
            else await LoadAroundAsync(seq);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _rendered = true;
            _selfReference = DotNetObjectReference.Create(this);
            Connection.Reconnected += OnReconnectedAsync;
            Activity.Changed += OnAttentionChangedAsync;
            await JS.InvokeVoidAsync("blazorChat.trackEnd", _scroller);
            _userSubscription = Events.Subscribe(Topics.User(UserId), e => InvokeAsync(() => ApplyToViewer(e)));
            await SubscribeAsync();
            StateHasChanged();
        }
        if (_scrollToSeq is { } seq)
        {
            _scrollToSeq = null;
            _scrollToEnd = false;
            await JS.InvokeVoidAsync("blazorChat.scrollToMessage", _scroller, seq);
        }
        else if (_scrollToEnd)
        {
            _scrollToEnd = _follow = false;
            await JS.InvokeVoidAsync("blazorChat.scrollToEnd", _scroller);
        }
        else if (_follow)
        {
            _follow = false;
            await JS.InvokeVoidAsync("blazorChat.followIfAtEnd", _scroller);
        }
        if (_restoreAnchor)
        {
            _restoreAnchor = false;
            await JS.InvokeVoidAsync("blazorChat.restoreAnchor", _scroller);
        }
        if (firstRender) await JS.InvokeVoidAsync("blazorChat.watchHistory", _scroller, _selfReference);
        else if (_recheckEdges) await JS.InvokeVoidAsync("blazorChat.recheckHistory", _scroller);
        _recheckEdges = false;
        await MarkReadIfAttendingAsync();
    }

    private async Task LoadLatestAsync()
    {
        _window.Reset(await MessageService.GetLatestAsync(UserId, Room.Id), Math.Max(Room.LastSeq, _window.KnownLastSeq));
        _focusSeq = null;
        _scrollToEnd = true;
    }

    private async Task LoadAroundAsync(long seq)
    {
        _window.ResetAround(await MessageService.GetAroundAsync(UserId, Room.Id, seq), Math.Max(Room.LastSeq, _window.KnownLastSeq));
        FocusOn(seq);
        _recheckEdges = true;
    }

    /// <summary>Highlights and scrolls to <paramref name="seq"/>; a thread reply is shown in its thread, beside its root.</summary>
    private void FocusOn(long seq)
    {
        var target = _window.Find(seq);
        if (target?.ThreadRootId is { } rootId)
        {
            _panel = TimelinePanel.Thread;
            _threadRootId = rootId;
            _threadFocusId = target.Id;
            seq = _window.Messages.FirstOrDefault(m => m.Id == rootId)?.Seq ?? seq;
        }
        _focusSeq = target is null ? null : seq;
        _scrollToSeq = _focusSeq;
    }

    /// <summary>
    /// Subscribes to the room, then fetches what was stored since the first load, so nothing sent
    /// in between is missed. Runs after the first render: a prerendered instance never subscribes.
    /// </summary>
    private async Task SubscribeAsync()
    {
        if (_roomSubscription is not null) return;
        var roomId = Room.Id;
        _roomSubscription = Events.Subscribe(Topics.Room(roomId), e => InvokeAsync(() => ApplyAsync(roomId, e)));
        if (!_window.HasNewer) await CatchUpAsync(roomId);
    }

    private async Task ApplyAsync(Guid roomId, ChatEvent chatEvent)
    {
        if (Room.Id != roomId) return;
        switch (chatEvent)
        {
            case MessagePosted { Message: var message }:
                // No round trip to the browser here: while the connection is down it would hang.
                // The page knows whether the reader is at the end and follows after render.
                var outcome = Show(message);
                if (outcome == LiveMessageOutcome.Gap) await CatchUpAsync(roomId);
                if (outcome == LiveMessageOutcome.Beyond || message.IsThreadReply) break;
                if (message.AuthorId == UserId) _scrollToEnd = true;
                else _follow = true;
                break;
            case RoomReadBy read:
                // Every member's tab moves its marker as a message arrives: re-render only when the
                // receipt under the viewer's own last message reads differently.
                var receipt = ReceiptText;
                ApplyReceipt(read);
                if (ReceiptText == receipt) return;
                break;
            case MessageChanged { Message: var message }:
                if (_window.Offer(message) == LiveMessageOutcome.Gap) await CatchUpAsync(roomId);
                if (_quoting?.Id == message.Id) _quoting = message.IsDeleted ? null : message;
                break;
            default:
                return;
        }
        StateHasChanged();
    }

    /// <summary>After the connection to the browser came back, fetch whatever was stored meanwhile.</summary>
    private Task OnReconnectedAsync() => InvokeAsync(async () =>
    {
        if (_roomSubscription is null || _window.HasNewer) return;
        await CatchUpAsync(Room.Id);
        _follow = true;
        StateHasChanged();
    });

    private void ApplyToViewer(ChatEvent chatEvent)
    {
        if (chatEvent is not SavedMessagesChanged saved) return;
        _context.SetSaved(saved.MessageId, saved.IsSaved);
        StateHasChanged();
    }

    private LiveMessageOutcome Show(MessageView message)
    {
        _outbox.Confirm(message);
        return _window.Offer(message);
    }

    /// <summary>Fetches everything after the newest message held, in order, until nothing is missing.</summary>
    private async Task CatchUpAsync(Guid roomId)
    {
        while (true)
        {
            var missing = await MessageService.GetAfterAsync(UserId, roomId, _window.NewestSeq);
            foreach (var message in missing) Show(message);
            if (missing.Count < 200) return;
        }
    }

    /// <summary>chat.js reports that the reader reached the top or the bottom of what is loaded.</summary>
    [JSInvokable]
    public Task OnHistoryEdge(string edge) => InvokeAsync(() => edge == "top" ? LoadOlderAsync() : LoadNewerAsync());

    private async Task LoadOlderAsync()
    {
        if (_loadingOlder || !_window.HasOlder) return;
        _loadingOlder = true;
        try
        {
            await JS.InvokeVoidAsync("blazorChat.captureAnchor", _scroller);
            _window.PrependOlder(await MessageService.GetBeforeAsync(UserId, Room.Id, _window.OldestSeq));
            _restoreAnchor = _recheckEdges = true;
        }
        finally
        {
            _loadingOlder = false;
        }
        StateHasChanged();
    }

    private async Task LoadNewerAsync()
    {
        if (_loadingNewer || !_window.HasNewer) return;
        _loadingNewer = true;
        try
        {
            await JS.InvokeVoidAsync("blazorChat.captureAnchor", _scroller);
            var page = await MessageService.GetAfterAsync(UserId, Room.Id, _window.NewestSeq, MessageService.PageSize);
            // A short page means the end is reached: from here on live messages append.
            var isLastPage = page.Count < MessageService.PageSize;
            _window.AppendNewer(page, isLastPage);
            if (isLastPage) await CatchUpAsync(Room.Id);
            _restoreAnchor = _recheckEdges = true;
        }
        finally
        {
            _loadingNewer = false;
        }
        StateHasChanged();
    }

    private async Task JumpToLatestAsync()
    {
        await LoadLatestAsync();
        await CatchUpAsync(Room.Id);
        _recheckEdges = true;
    }

    /// <summary>Shows <paramref name="composed"/> at once as "sending" and stores it with its files (quoting what the quote bar holds); a failure offers Retry.</summary>
    public async Task SendAsync(ComposedMessage composed)
    {
        if (_window.HasNewer) await JumpToLatestAsync();
        var options = new SendOptions(QuotedMessageId: _quoting?.Id, AttachmentIds: [.. composed.Files.Select(f => f.Id)]);
        _quoting = null;
        await TrySendAsync(_outbox.Add(composed.Text, options, composed.Files));
    }

    private Task RetryAsync(PendingMessage pending) => TrySendAsync(pending);

    private async Task TrySendAsync(PendingMessage pending)
    {
        var roomId = Room.Id;
        _scrollToEnd = true;
        var stored = await _outbox.TrySendAsync(pending, p => MessageService.SendAsync(UserId, roomId, p.ClientMessageId, p.Body, p.Options));
        if (stored is not null && Show(stored) == LiveMessageOutcome.Gap) await CatchUpAsync(roomId);
        _scrollToEnd = true;
    }

    private bool _disposed;

    public void Dispose()
    {
        _disposed = true;
        Connection.Reconnected -= OnReconnectedAsync;
        Activity.Changed -= OnAttentionChangedAsync;
        _roomSubscription?.Dispose();
        _userSubscription?.Dispose();
        _selfReference?.Dispose();
    }
}
