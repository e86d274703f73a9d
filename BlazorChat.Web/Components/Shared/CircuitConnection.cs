using BlazorChat.Core.Events;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// Tells a circuit's components when its browser connection came back after a drop, so every
/// view fetches from the database what it may have missed (news is never trusted to arrive).
/// The same happens when this node may have missed news from other nodes (<see cref="ResyncRequested"/>).
/// </summary>
public sealed class CircuitConnection : CircuitHandler, IDisposable
{
    private readonly IDisposable _resync;
    private bool _wasDown;

    public CircuitConnection(IEventBus bus)
    {
        _resync = bus.Subscribe(Topics.ThisNode, e => e is ResyncRequested && IsConnected ? RaiseAsync(Reconnected) : Task.CompletedTask);
    }

    /// <summary>Raised after a reconnect; handlers marshal to their component with InvokeAsync.</summary>
    public event Func<Task>? Reconnected;

    /// <summary>Raised when the browser's connection dropped (the circuit may still come back).</summary>
    public event Func<Task>? Disconnected;

    public bool IsConnected { get; private set; } = true;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        IsConnected = false;
        return RaiseAsync(Disconnected);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = true;
        if (!_wasDown) return;
        _wasDown = false;
        await RaiseAsync(Reconnected);
    }

    private static async Task RaiseAsync(Func<Task>? handlers)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>()) await handler();
    }

    public void Dispose() => _resync.Dispose();
}
