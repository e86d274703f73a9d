namespace BlazorChat.Core.Events;

/// <summary>
/// Carries news of committed changes to subscribers on this node (and, when configured, on every
/// node). The database stays the source of truth: a subscriber that missed news resyncs from it.
/// </summary>
public interface IEventBus
{
    /// <summary>Delivers <paramref name="chatEvent"/> to every subscriber of its topic. Subscriber failures never reach the publisher.</summary>
    ValueTask PublishAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to one topic until the returned handle is disposed.</summary>
    IDisposable Subscribe(string topic, Func<ChatEvent, Task> handler);
}
