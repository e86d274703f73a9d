using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The outbox sends in the order written and waits out a pace refusal instead of failing.</summary>
public sealed class OutboxPacing
{
    private static MessageView Stored(PendingMessage pending, long seq) =>
        MessageViews.View(seq, author: MessageViews.Ada) with { ClientMessageId = pending.ClientMessageId };

    [Fact]
    public async Task A_message_refused_for_its_pace_goes_out_by_itself_once_allowed()
    {
        var outbox = new Outbox(MessageViews.Ada, NullLogger.Instance);
        var pending = outbox.Add("hello");
        var attempts = 0;

        var stored = await outbox.TrySendAsync(pending, p =>
            ++attempts < 3 ? throw new ChatLimitException("too fast", TimeSpan.FromMilliseconds(5)) : Task.FromResult(Stored(p, 1)));

        stored.ShouldNotBeNull();
        attempts.ShouldBe(3);
        outbox.Pending.ShouldBeEmpty();
    }

    [Fact]
    public async Task Other_refusals_still_show_as_failed_with_the_reason()
    {
        var outbox = new Outbox(MessageViews.Ada, NullLogger.Instance);
        var pending = outbox.Add("hello");

        var stored = await outbox.TrySendAsync(pending, _ => throw new ChatForbiddenException("This room is archived."));

        stored.ShouldBeNull();
        pending.State.ShouldBe(SendState.Failed);
        pending.Error.ShouldBe("This room is archived.");
    }

    [Fact]
    public async Task Messages_go_out_one_at_a_time_in_the_order_written()
    {
        var outbox = new Outbox(MessageViews.Ada, NullLogger.Instance);
        var first = outbox.Add("first");
        var second = outbox.Add("second");
        var release = new TaskCompletionSource();
        var order = new List<string>();

        var sendingFirst = outbox.TrySendAsync(first, async p => { order.Add(p.Body); await release.Task; return Stored(p, 1); });
        var sendingSecond = outbox.TrySendAsync(second, p => { order.Add(p.Body); return Task.FromResult(Stored(p, 2)); });
        order.ShouldBe(["first"]);

        release.SetResult();
        await Task.WhenAll(sendingFirst, sendingSecond);
        order.ShouldBe(["first", "second"]);
    }
}
