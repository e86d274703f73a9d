using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Components.Messages;

/// <summary>What happened when a live message was offered to a <see cref="MessageWindow"/>.</summary>
public enum LiveMessageOutcome
{
    /// <summary>It was the next message and now shows.</summary>
    Appended,
    /// <summary>It was already there (a repeat delivery); it replaced the stored copy.</summary>
    AlreadyShown,
    /// <summary>Messages before it are missing; fetch everything after <see cref="MessageWindow.NewestSeq"/>.</summary>
    Gap,
}

/// <summary>
/// The messages one room view holds: contiguous by sequence number, each shown once, in order,
/// with at most <see cref="Capacity"/> kept (older ones are loaded again on scroll).
/// </summary>
public sealed class MessageWindow(int capacity = MessageWindow.DefaultCapacity)
{
    public const int DefaultCapacity = 500;

    private readonly List<MessageView> _messages = [];

    public int Capacity { get; } = capacity;

    public IReadOnlyList<MessageView> Messages => _messages;

    /// <summary>The highest sequence number held; everything from <see cref="OldestSeq"/> up to it is present.</summary>
    public long NewestSeq { get; private set; }

    /// <summary>The lowest sequence number held, or <see cref="NewestSeq"/> + 1 when empty.</summary>
    public long OldestSeq => _messages.Count > 0 ? _messages[0].Seq : NewestSeq + 1;

    /// <summary>True while messages older than the window exist.</summary>
    public bool HasOlder => OldestSeq > 1;

    /// <summary>Starts the window from the newest page of a room whose last sequence number is <paramref name="roomLastSeq"/>.</summary>
    public void Reset(IReadOnlyList<MessageView> newestPage, long roomLastSeq)
    {
        _messages.Clear();
        _messages.AddRange(newestPage);
        NewestSeq = newestPage.Count > 0 ? newestPage[^1].Seq : roomLastSeq;
    }

    /// <summary>Offers a message that arrived live or from a catch-up fetch.</summary>
    public LiveMessageOutcome Offer(MessageView message)
    {
        if (message.Seq <= NewestSeq)
        {
            var index = IndexOf(message.Seq);
            if (index >= 0) _messages[index] = message;
            return LiveMessageOutcome.AlreadyShown;
        }
        if (message.Seq != NewestSeq + 1) return LiveMessageOutcome.Gap;
        _messages.Add(message);
        NewestSeq = message.Seq;
        if (_messages.Count > Capacity) _messages.RemoveRange(0, _messages.Count - Capacity);
        return LiveMessageOutcome.Appended;
    }

    /// <summary>Adds an older page (ending just below <see cref="OldestSeq"/>) in front.</summary>
    public void PrependOlder(IReadOnlyList<MessageView> olderPage)
    {
        var fitting = olderPage.Where(m => m.Seq < OldestSeq).ToList();
        _messages.InsertRange(0, fitting);
    }

    private int IndexOf(long seq)
    {
        var index = (int)(seq - OldestSeq);
        return index >= 0 && index < _messages.Count && _messages[index].Seq == seq ? index : -1;
    }
}
