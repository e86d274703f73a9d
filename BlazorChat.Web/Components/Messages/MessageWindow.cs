using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Components.Messages;

/// <summary>What happened when a live message was offered to a <see cref="MessageWindow"/>.</summary>
public enum LiveMessageOutcome
{
    /// <summary>It was the next message and now shows.</summary>
    Appended,
    /// <summary>It was already there (a repeat delivery or a change); it replaced the stored copy.</summary>
    AlreadyShown,
    /// <summary>Messages before it are missing; fetch everything after <see cref="MessageWindow.NewestSeq"/>.</summary>
    Gap,
    /// <summary>The window shows older history, not the room's end; the message waits until the reader comes back down.</summary>
    Beyond,
}

/// <summary>
/// The messages one room view holds: contiguous by sequence number, each shown once, in order,
/// with at most <see cref="Capacity"/> kept. Thread replies are held too (their numbers keep the
/// window gap-free) even though the main timeline does not show them.
/// </summary>
/// <remarks>
/// The window is either at the room's end, where live messages append, or detached in older history
/// (after a deep link, or after scrolling back past its capacity), where live messages only raise
/// <see cref="KnownLastSeq"/> and newer pages load as the reader scrolls down.
/// </remarks>
public sealed class MessageWindow(int capacity = MessageWindow.DefaultCapacity)
{
    public const int DefaultCapacity = 500;

    private readonly List<MessageView> _messages = [];

    public int Capacity { get; } = capacity;

    public IReadOnlyList<MessageView> Messages => _messages;

    /// <summary>The highest sequence number held; everything from <see cref="OldestSeq"/> up to it is present.</summary>
    public long NewestSeq { get; private set; }

    /// <summary>The highest sequence number known to exist in the room.</summary>
    public long KnownLastSeq { get; private set; }

    /// <summary>The lowest sequence number held, or <see cref="NewestSeq"/> + 1 when empty.</summary>
    public long OldestSeq => _messages.Count > 0 ? _messages[0].Seq : NewestSeq + 1;

    /// <summary>True while messages older than the window exist.</summary>
    public bool HasOlder => OldestSeq > 1;

    /// <summary>True while the window is detached from the room's end: newer messages load on scroll, not live.</summary>
    public bool HasNewer => !_atEnd;

    private bool _atEnd = true;

    /// <summary>Starts the window from the newest page of a room whose last sequence number is <paramref name="roomLastSeq"/>.</summary>
    public void Reset(IReadOnlyList<MessageView> newestPage, long roomLastSeq)
    {
        _messages.Clear();
        _messages.AddRange(newestPage);
        NewestSeq = newestPage.Count > 0 ? newestPage[^1].Seq : roomLastSeq;
        KnownLastSeq = Math.Max(NewestSeq, roomLastSeq);
        _atEnd = true;
    }

    /// <summary>
    /// Starts the window from a page somewhere in the room's history (a deep link); it stays
    /// detached from the end until the reader scrolls down to it.
    /// </summary>
    public void ResetAround(IReadOnlyList<MessageView> page, long roomLastSeq)
    {
        if (page.Count == 0)
        {
            Reset(page, roomLastSeq);
            return;
        }
        _messages.Clear();
        _messages.AddRange(page);
        NewestSeq = page[^1].Seq;
        KnownLastSeq = Math.Max(NewestSeq, roomLastSeq);
        _atEnd = NewestSeq >= KnownLastSeq;
    }

    /// <summary>Offers a message that arrived live, changed, or came from a catch-up fetch.</summary>
    public LiveMessageOutcome Offer(MessageView message)
    {
        if (message.Seq <= NewestSeq)
        {
            var index = IndexOf(message.Seq);
            if (index >= 0) _messages[index] = message;
            return LiveMessageOutcome.AlreadyShown;
        }
        if (HasNewer)
        {
            KnownLastSeq = Math.Max(KnownLastSeq, message.Seq);
            return LiveMessageOutcome.Beyond;
        }
        if (message.Seq != NewestSeq + 1)
        {
            KnownLastSeq = Math.Max(KnownLastSeq, message.Seq);
            return LiveMessageOutcome.Gap;
        }
        _messages.Add(message);
        NewestSeq = KnownLastSeq = message.Seq;
        if (_messages.Count > Capacity) _messages.RemoveRange(0, _messages.Count - Capacity);
        return LiveMessageOutcome.Appended;
    }

    /// <summary>
    /// Adds an older page (ending just below <see cref="OldestSeq"/>) in front. Past the capacity
    /// the newest messages leave the window, which then no longer reaches the room's end.
    /// </summary>
    public void PrependOlder(IReadOnlyList<MessageView> olderPage)
    {
        var fitting = olderPage.Where(m => m.Seq < OldestSeq).ToList();
        _messages.InsertRange(0, fitting);
        if (_messages.Count <= Capacity) return;
        _messages.RemoveRange(Capacity, _messages.Count - Capacity);
        NewestSeq = _messages[^1].Seq;
        _atEnd = false;
    }

    /// <summary>
    /// Adds a newer page (starting just above <see cref="NewestSeq"/>) at the end while the window
    /// is detached; past the capacity the oldest messages leave. <paramref name="isLastPage"/> (the
    /// page came back short) attaches the window to the room's end again.
    /// </summary>
    public void AppendNewer(IReadOnlyList<MessageView> newerPage, bool isLastPage)
    {
        foreach (var message in newerPage.Where(m => m.Seq > NewestSeq).OrderBy(m => m.Seq))
        {
            if (message.Seq != NewestSeq + 1) break;
            _messages.Add(message);
            NewestSeq = message.Seq;
        }
        KnownLastSeq = Math.Max(KnownLastSeq, NewestSeq);
        _atEnd = isLastPage;
        if (_messages.Count > Capacity) _messages.RemoveRange(0, _messages.Count - Capacity);
    }

    /// <summary>The message with <paramref name="seq"/>, if the window holds it.</summary>
    public MessageView? Find(long seq) => IndexOf(seq) is var index and >= 0 ? _messages[index] : null;

    private int IndexOf(long seq)
    {
        var index = (int)(seq - OldestSeq);
        return index >= 0 && index < _messages.Count && _messages[index].Seq == seq ? index : -1;
    }
}
