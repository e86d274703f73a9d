using BlazorChat.Web.Components.Messages;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>A room view holds a contiguous, ordered, bounded window of messages and notices what is missing.</summary>
public sealed class MessageWindowing
{
    private static IEnumerable<long> Seqs(MessageWindow window) => window.Messages.Select(m => m.Seq);

    [Fact]
    public void The_next_messages_are_appended_in_order()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 3), roomLastSeq: 3);

        window.Offer(View(4)).ShouldBe(LiveMessageOutcome.Appended);
        window.Offer(View(5)).ShouldBe(LiveMessageOutcome.Appended);

        Seqs(window).ShouldBe([1, 2, 3, 4, 5]);
        window.NewestSeq.ShouldBe(5);
    }

    [Fact]
    public void A_repeated_delivery_is_already_shown_and_not_added_twice()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 3), roomLastSeq: 3);
        var fourth = View(4);
        window.Offer(fourth);

        window.Offer(fourth).ShouldBe(LiveMessageOutcome.AlreadyShown);
        window.Offer(View(2)).ShouldBe(LiveMessageOutcome.AlreadyShown);

        Seqs(window).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void A_repeated_delivery_replaces_the_copy_shown()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 3), roomLastSeq: 3);
        var edited = View(2, html: "<p>edited</p>");

        window.Offer(edited).ShouldBe(LiveMessageOutcome.AlreadyShown);

        window.Messages[1].ShouldBeSameAs(edited);
    }

    [Fact]
    public void A_message_beyond_the_next_is_a_gap_and_is_not_shown()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 3), roomLastSeq: 3);

        window.Offer(View(5)).ShouldBe(LiveMessageOutcome.Gap);

        Seqs(window).ShouldBe([1, 2, 3]);
        window.NewestSeq.ShouldBe(3);
        // Filling the gap (what a catch-up fetch does) restores the order.
        window.Offer(View(4)).ShouldBe(LiveMessageOutcome.Appended);
        window.Offer(View(5)).ShouldBe(LiveMessageOutcome.Appended);
        Seqs(window).ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public void An_empty_window_expects_the_message_after_the_rooms_last()
    {
        var empty = new MessageWindow();
        empty.Reset([], roomLastSeq: 0);
        empty.Offer(View(1)).ShouldBe(LiveMessageOutcome.Appended);

        var caughtUp = new MessageWindow();
        caughtUp.Reset([], roomLastSeq: 7);
        caughtUp.HasOlder.ShouldBeTrue();
        caughtUp.Offer(View(9)).ShouldBe(LiveMessageOutcome.Gap);
        caughtUp.Offer(View(8)).ShouldBe(LiveMessageOutcome.Appended);
        Seqs(caughtUp).ShouldBe([8]);
    }

    [Fact]
    public void The_window_keeps_only_the_newest_messages_up_to_its_capacity()
    {
        var window = new MessageWindow(capacity: 3);
        window.Reset(Range(1, 3), roomLastSeq: 3);

        window.Offer(View(4));
        window.Offer(View(5));

        Seqs(window).ShouldBe([3, 4, 5]);
        window.OldestSeq.ShouldBe(3);
        window.HasOlder.ShouldBeTrue();
        // A late repeat of a message that left the window does not come back.
        window.Offer(View(1)).ShouldBe(LiveMessageOutcome.AlreadyShown);
        Seqs(window).ShouldBe([3, 4, 5]);
    }

    [Fact]
    public void An_older_page_is_put_in_front()
    {
        var window = new MessageWindow();
        window.Reset(Range(4, 6), roomLastSeq: 6);
        window.HasOlder.ShouldBeTrue();

        window.PrependOlder(Range(1, 3));

        Seqs(window).ShouldBe([1, 2, 3, 4, 5, 6]);
        window.HasOlder.ShouldBeFalse();
        window.Offer(View(7)).ShouldBe(LiveMessageOutcome.Appended);
    }

    [Fact]
    public void An_older_page_overlapping_the_window_adds_only_what_is_missing()
    {
        var window = new MessageWindow();
        window.Reset(Range(4, 6), roomLastSeq: 6);

        window.PrependOlder(Range(2, 5));

        Seqs(window).ShouldBe([2, 3, 4, 5, 6]);
    }
}

/// <summary>
/// Changes replace the held copy by sequence number; the window scrolls back past its capacity by
/// letting the newest go, and a detached window (deep link, far history) waits for the reader
/// instead of appending live messages.
/// </summary>
public sealed class MessageWindowDetaching
{
    private static IEnumerable<long> Seqs(MessageWindow window) => window.Messages.Select(m => m.Seq);

    [Fact]
    public void A_changed_message_replaces_the_copy_with_the_same_seq()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 3), roomLastSeq: 3);
        var reacted = View(2) with { Reactions = [new Core.Messages.ReactionGroup("👍", [Bob], ["Bob Builder"])] };

        window.Offer(reacted).ShouldBe(LiveMessageOutcome.AlreadyShown);

        window.Find(2).ShouldBeSameAs(reacted);
        Seqs(window).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void Thread_replies_are_held_so_the_window_stays_gap_free()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 2), roomLastSeq: 2);
        var reply = View(3) with { ThreadRootId = window.Messages[0].Id };

        window.Offer(reply).ShouldBe(LiveMessageOutcome.Appended);
        window.Offer(View(4)).ShouldBe(LiveMessageOutcome.Appended);

        Seqs(window).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void Scrolling_back_past_the_capacity_lets_the_newest_go_and_reaches_the_first_message()
    {
        var window = new MessageWindow(capacity: 4);
        window.Reset(Range(9, 10), roomLastSeq: 10);

        foreach (var from in new long[] { 7, 5, 3, 1 }) window.PrependOlder(Range(from, from + 1));

        Seqs(window).ShouldBe([1, 2, 3, 4]);
        window.HasOlder.ShouldBeFalse();
        window.HasNewer.ShouldBeTrue();
        window.NewestSeq.ShouldBe(4);
    }

    [Fact]
    public void A_detached_window_does_not_append_live_messages_but_remembers_them()
    {
        var window = new MessageWindow();
        window.ResetAround(Range(10, 20), roomLastSeq: 40);

        window.Offer(View(41)).ShouldBe(LiveMessageOutcome.Beyond);

        Seqs(window).ShouldBe(Enumerable.Range(10, 11).Select(i => (long)i));
        window.HasNewer.ShouldBeTrue();
        window.KnownLastSeq.ShouldBe(41);
        // Changes to what it holds still apply.
        var edited = View(15, html: "<p>edited</p>");
        window.Offer(edited).ShouldBe(LiveMessageOutcome.AlreadyShown);
        window.Find(15).ShouldBeSameAs(edited);
    }

    [Fact]
    public void Scrolling_down_a_detached_window_reattaches_it_at_the_end()
    {
        var window = new MessageWindow(capacity: 15);
        window.ResetAround(Range(10, 20), roomLastSeq: 30);

        window.AppendNewer(Range(21, 25), isLastPage: false);
        window.HasNewer.ShouldBeTrue();
        window.AppendNewer(Range(26, 30), isLastPage: true);

        window.HasNewer.ShouldBeFalse();
        Seqs(window).ShouldBe(Enumerable.Range(16, 15).Select(i => (long)i));
        window.Offer(View(31)).ShouldBe(LiveMessageOutcome.Appended);
    }

    [Fact]
    public void A_deep_link_near_the_end_is_live_at_once()
    {
        var window = new MessageWindow();
        window.ResetAround(Range(20, 30), roomLastSeq: 30);

        window.HasNewer.ShouldBeFalse();
        window.Offer(View(31)).ShouldBe(LiveMessageOutcome.Appended);
    }

    [Fact]
    public void A_gap_in_a_live_window_is_filled_by_catching_up()
    {
        var window = new MessageWindow();
        window.Reset(Range(1, 3), roomLastSeq: 3);

        window.Offer(View(6)).ShouldBe(LiveMessageOutcome.Gap);
        window.HasNewer.ShouldBeFalse();
        foreach (var seq in new long[] { 4, 5, 6 }) window.Offer(View(seq)).ShouldBe(LiveMessageOutcome.Appended);

        Seqs(window).ShouldBe([1, 2, 3, 4, 5, 6]);
    }
}
