using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// Tells a circuit's components when its browser connection came back after a drop, so every
/// view fetches from the database what it may have missed (news is never trusted to arrive).
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private bool _wasDown;

    /// <summary>Raised after a reconnect; handlers marshal to their component with InvokeAsync.</summary>
    public event Func<Task>? Reconnected;

    public bool IsConnected { get; private set; } = true;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        IsConnected = false;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = true;
        if (!_wasDown) return;
        _wasDown = false;
        if (Reconnected is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>()) await handler();
    }
}
