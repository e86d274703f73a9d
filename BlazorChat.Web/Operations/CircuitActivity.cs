using System.Collections;
using BlazorChat.Core.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorChat.Web.Operations;

/// <summary>
/// Counts open circuits and wraps everything a circuit does in response to its browser (events,
/// renders, JS calls, start-up) in a log scope carrying the circuit id, and marks it as circuit
/// work for the delivery metrics. Runs first among the circuit handlers so the scope covers the others.
/// </summary>
public sealed class CircuitActivity(ChatMetrics metrics, ILogger<CircuitActivity> logger) : CircuitHandler
{
    public override int Order => -1000;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        logger.LogDebug("Circuit opened");
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        logger.LogDebug("Circuit closed");
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            ChatMetrics.RunAs(DeliveryTarget.Circuit);
            using (logger.BeginScope(new CircuitScope(context.Circuit.Id))) await next(context);
        };

    /// <summary>A log scope with one property, <c>CircuitId</c> (the JSON formatter writes it as such; the plain one as text).</summary>
    private sealed class CircuitScope(string circuitId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?> _property = new("CircuitId", circuitId);

        public KeyValuePair<string, object?> this[int index] => index == 0 ? _property : throw new ArgumentOutOfRangeException(nameof(index));
        public int Count => 1;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return _property; }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => $"CircuitId:{circuitId}";
    }
}
