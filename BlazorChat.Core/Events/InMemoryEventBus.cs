using System.Collections.Concurrent;
using System.Collections.Immutable;
using BlazorChat.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Core.Events;

/// <summary>
/// Delivers events to this node's subscribers. Handlers are started in publish order and not
/// awaited: a slow or failing circuit never holds up the sender or another subscriber. Handlers
/// run outside the publisher's execution context, so a circuit's handler never carries the
/// sender's log scope (request and circuit ids) or other ambient state.
/// </summary>
public sealed class InMemoryEventBus(ILogger<InMemoryEventBus> logger, ChatMetrics? metrics = null) : IEventBus
{
    private static readonly ExecutionContext Detached = CaptureEmptyContext();

    private readonly ConcurrentDictionary<string, ImmutableArray<Subscription>> _subscriptions = new();

    public ValueTask PublishAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default)
    {
        Deliver(chatEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Hands an event to the local subscribers of its topic.</summary>
    public void Deliver(ChatEvent chatEvent)
    {
        Deliver(chatEvent, chatEvent.Topic);
        Deliver(chatEvent, Topics.Every);
    }

    private void Deliver(ChatEvent chatEvent, string topic)
    {
        if (!_subscriptions.TryGetValue(topic, out var subscribers)) return;
        ExecutionContext.Run(Detached, static state =>
        {
            var (bus, chatEvent, subscribers) = ((InMemoryEventBus, ChatEvent, ImmutableArray<Subscription>))state!;
            bus.Deliver(chatEvent, subscribers);
        }, (this, chatEvent, subscribers));
    }

    private void Deliver(ChatEvent chatEvent, ImmutableArray<Subscription> subscribers)
    {
        foreach (var subscriber in subscribers)
        {
            try
            {
                var running = subscriber.Handler(chatEvent);
                if (!running.IsCompleted) _ = ObserveAsync(running, subscriber, chatEvent);
                else if (running.IsFaulted) LogFailure(running.Exception, chatEvent);
                else Delivered(subscriber, chatEvent);
            }
            catch (Exception ex)
            {
                LogFailure(ex, chatEvent);
            }
        }
    }

    public IDisposable Subscribe(string topic, Func<ChatEvent, Task> handler)
    {
        var subscription = new Subscription(this, topic, handler, ChatMetrics.CurrentSubscriber);
        _subscriptions.AddOrUpdate(topic, [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    /// <summary>Number of live subscriptions, for diagnostics and tests.</summary>
    public int SubscriptionCount => _subscriptions.Values.Sum(list => list.Length);

    private void Remove(Subscription subscription)
    {
        while (_subscriptions.TryGetValue(subscription.Topic, out var list))
        {
            var updated = list.Remove(subscription);
            if (updated.IsEmpty
                ? _subscriptions.TryRemove(new KeyValuePair<string, ImmutableArray<Subscription>>(subscription.Topic, list))
                : _subscriptions.TryUpdate(subscription.Topic, updated, list))
                return;
        }
    }

    private async Task ObserveAsync(Task running, Subscription subscriber, ChatEvent chatEvent)
    {
        try
        {
            await running.ConfigureAwait(false);
            Delivered(subscriber, chatEvent);
        }
        catch (Exception ex) { LogFailure(ex, chatEvent); }
    }

    // Hub connections count their own deliveries (HubRelay forwards only some events).
    private void Delivered(Subscription subscriber, ChatEvent chatEvent)
    {
        if (subscriber.Target == DeliveryTarget.Circuit) metrics?.Delivered(DeliveryTarget.Circuit, chatEvent);
    }

    private static ExecutionContext CaptureEmptyContext()
    {
        // A thread started without flowing the current context runs in the default, empty one.
        ExecutionContext? empty = null;
        var thread = new Thread(() => empty = ExecutionContext.Capture());
        thread.UnsafeStart();
        thread.Join();
        return empty ?? throw new InvalidOperationException("No execution context to deliver events in.");
    }

    private void LogFailure(Exception? ex, ChatEvent chatEvent) =>
        logger.LogWarning(ex, "A subscriber of {Topic} failed on {EventType}", chatEvent.Topic, chatEvent.GetType().Name);

    private sealed class Subscription(InMemoryEventBus bus, string topic, Func<ChatEvent, Task> handler, DeliveryTarget? target) : IDisposable
    {
        private int _disposed;
        public string Topic { get; } = topic;
        public Func<ChatEvent, Task> Handler { get; } = handler;
        public DeliveryTarget? Target { get; } = target;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) bus.Remove(this);
        }
    }
}
