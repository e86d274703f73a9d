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
