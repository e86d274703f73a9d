using System.Diagnostics.Metrics;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;

namespace BlazorChat.Core.Diagnostics;

/// <summary>Who an event was delivered to, as the <c>subscriber</c> tag of the delivery metrics.</summary>
public enum DeliveryTarget
{
    /// <summary>A browser tab's Blazor circuit.</summary>
    Circuit,

    /// <summary>An external client's connection to the hub.</summary>
    Hub,
}

/// <summary>
/// The chat's own metrics, on the meter <c>BlazorChat</c> (System.Diagnostics.Metrics): messages
/// sent, events delivered to circuits and hub connections, open circuits and hub connections, the
/// time from storing a message to its delivery, and the sends still running (which a graceful
/// shutdown waits for). Exported at <c>/metrics</c> and, when configured, over OTLP (ADR-010).
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "BlazorChat";

    /// <summary>Bucket bounds of the delivery latency, in seconds: from a few milliseconds on one node to seconds across a recovering Redis.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly AsyncLocal<DeliveryTarget?> SubscribingFor = new();

    private readonly TimeProvider _clock;
    private readonly Counter<long> _messagesSent;
    private readonly Counter<long> _deliveries;
    private readonly UpDownCounter<long> _circuits;
    private readonly UpDownCounter<long> _hubConnections;
    private readonly Histogram<double> _deliveryLatency;
    private int _sendsInFlight;

    public ChatMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        _messagesSent = meter.CreateCounter<long>("blazorchat.messages.sent", "{message}",
            "Messages stored by this node (a repeated send with the same client message id is not counted again).");
        _deliveries = meter.CreateCounter<long>("blazorchat.deliveries", "{event}",
            "Events handed to a circuit or a hub connection on this node, by subscriber.");
        _circuits = meter.CreateUpDownCounter<long>("blazorchat.circuits.active", "{circuit}", "Blazor circuits (open tabs) on this node.");
        _hubConnections = meter.CreateUpDownCounter<long>("blazorchat.hub.connections.active", "{connection}", "Hub connections on this node.");
        _deliveryLatency = meter.CreateHistogram("blazorchat.delivery.latency", "s",
            "Time from storing a message to a circuit or hub connection on this node having it, by subscriber.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        meter.CreateObservableUpDownCounter("blazorchat.sends.in_flight", () => SendsInFlight, "{send}",
            "Message sends this node has started and not finished.");
    }

    /// <summary>Message sends running now.</summary>
    public int SendsInFlight => Volatile.Read(ref _sendsInFlight);

    /// <summary>
    /// The kind of subscriber whose code runs in this flow (a circuit's event handling, a hub call):
    /// bus subscriptions made under it count their deliveries under that kind.
    /// </summary>
    public static DeliveryTarget? CurrentSubscriber => SubscribingFor.Value;

    /// <summary>Marks the rest of this async flow as the code of a circuit or hub connection (see <see cref="CurrentSubscriber"/>).</summary>
    public static void RunAs(DeliveryTarget target) => SubscribingFor.Value = target;

    /// <summary>Counts a send as running until the returned handle is disposed.</summary>
    public IDisposable TrackSend()
    {
        Interlocked.Increment(ref _sendsInFlight);
        return new SendHandle(this);
    }

    public void MessageSent() => _messagesSent.Add(1);

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    public void HubConnected() => _hubConnections.Add(1);

    public void HubDisconnected() => _hubConnections.Add(-1);

    /// <summary>A subscriber has taken <paramref name="chatEvent"/>; for a new message, also how long it took since it was stored.</summary>
    public void Delivered(DeliveryTarget target, ChatEvent chatEvent) => Delivered(target, chatEvent, 1);

    /// <summary>
    /// <paramref name="count"/> subscribers have taken <paramref name="chatEvent"/> in one send (a
    /// room's group of hub connections); its latency, the same for all of them, is recorded once.
    /// </summary>
    public void Delivered(DeliveryTarget target, ChatEvent chatEvent, int count)
    {
        var tag = new KeyValuePair<string, object?>("subscriber", target == DeliveryTarget.Circuit ? "circuit" : "hub");
        _deliveries.Add(count, tag);
        if (chatEvent is MessagePosted posted)
            _deliveryLatency.Record(Math.Max(0, (_clock.GetUtcNow() - posted.Message.CreatedAt).TotalSeconds), tag);
    }

    private sealed class SendHandle(ChatMetrics metrics) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) Interlocked.Decrement(ref metrics._sendsInFlight);
        }
    }
}
