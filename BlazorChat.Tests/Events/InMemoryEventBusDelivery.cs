using BlazorChat.Core.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorChat.Tests.Events;

/// <summary>
/// The in-process bus hands each event to the subscribers of its topic, in publish order, and
/// keeps subscriber failures away from the publisher and from other subscribers.
/// </summary>
public sealed class InMemoryEventBusDelivery
{
    private sealed record Ping(string On, int Number) : ChatEvent
    {
        public override string Topic => On;
    }

    private readonly InMemoryEventBus _bus = new(NullLogger<InMemoryEventBus>.Instance);

    // The bus starts handlers before PublishAsync returns, so synchronous handlers have run by then.
    private IDisposable Record(string topic, List<int> into) =>
        _bus.Subscribe(topic, e => { lock (into) into.Add(((Ping)e).Number); return Task.CompletedTask; });

    [Fact]
    public async Task A_subscriber_receives_the_events_of_its_topic_only()
    {
        var roomA = new List<int>();
        var roomB = new List<int>();
        using var a = Record("room:a", roomA);
        using var b = Record("room:b", roomB);

        await _bus.PublishAsync(new Ping("room:a", 1));
        await _bus.PublishAsync(new Ping("room:b", 2));
        await _bus.PublishAsync(new Ping("room:a", 3));
        await _bus.PublishAsync(new Ping("room:c", 4));

        roomA.ShouldBe([1, 3]);
        roomB.ShouldBe([2]);
    }

    [Fact]
    public async Task A_subscriber_of_every_topic_receives_each_event_once_in_publish_order()
    {
        var everything = new List<int>();
        var roomA = new List<int>();
        using var all = Record(Topics.Every, everything);
        using var a = Record("room:a", roomA);

        await _bus.PublishAsync(new Ping("room:a", 1));
        await _bus.PublishAsync(new Ping("directory", 2));
        await _bus.PublishAsync(new Ping("room:a", 3));

        everything.ShouldBe([1, 2, 3]);
        roomA.ShouldBe([1, 3]);
    }

    [Fact]
    public async Task Every_subscriber_of_a_topic_receives_each_event_in_publish_order()
    {
        var first = new List<int>();
        var second = new List<int>();
        using var a = Record("directory", first);
        using var b = Record("directory", second);

        for (var i = 1; i <= 5; i++) await _bus.PublishAsync(new Ping("directory", i));

        first.ShouldBe([1, 2, 3, 4, 5]);
        second.ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public async Task A_failing_subscriber_neither_stops_the_others_nor_reaches_the_publisher()
    {
        var before = new List<int>();
        var after = new List<int>();
        var lateFailureObserved = new TaskCompletionSource();
        using var early = Record("room:x", before);
        using var throwsAtOnce = _bus.Subscribe("room:x", _ => throw new InvalidOperationException("boom"));
        using var faulted = _bus.Subscribe("room:x", _ => Task.FromException(new InvalidOperationException("faulted")));
        using var failsLater = _bus.Subscribe("room:x", async _ =>
        {
            await Task.Yield();
            lateFailureObserved.TrySetResult();
            throw new InvalidOperationException("late");
        });
        using var late = Record("room:x", after);

        await Should.NotThrowAsync(async () => await _bus.PublishAsync(new Ping("room:x", 7)));
        await lateFailureObserved.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _bus.PublishAsync(new Ping("room:x", 8));

        before.ShouldBe([7, 8]);
        after.ShouldBe([7, 8]);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_its_delivery_and_leaves_others_alone()
    {
        var leaving = new List<int>();
        var staying = new List<int>();
        var subscription = Record("user:1", leaving);
        using var stays = Record("user:1", staying);
        await _bus.PublishAsync(new Ping("user:1", 1));

        subscription.Dispose();
        subscription.Dispose(); // a second dispose (Dispose from two paths) is harmless
        await _bus.PublishAsync(new Ping("user:1", 2));

        leaving.ShouldBe([1]);
        staying.ShouldBe([1, 2]);
        _bus.SubscriptionCount.ShouldBe(1);
    }

    [Fact]
    public async Task The_last_subscription_of_a_topic_leaves_nothing_behind()
    {
        var received = new List<int>();
        var subscriptions = Enumerable.Range(0, 3).Select(_ => Record("room:gone", received)).ToList();

        subscriptions.ForEach(s => s.Dispose());
        await _bus.PublishAsync(new Ping("room:gone", 1));

        received.ShouldBeEmpty();
        _bus.SubscriptionCount.ShouldBe(0);
    }
}
