using BlazorChat.Core.Presence;
using BlazorChat.Web.Components.Shared;
using Microsoft.JSInterop;

namespace BlazorChat.Web.Components.Presence;

/// <summary>
/// What this tab's browser says about its person, for one circuit: visible, focused, in use.
/// Feeds presence and decides whether reading a room may advance its read marker. A tab whose
/// connection dropped does not count as open (the person shows offline at once, not when the
/// circuit expires minutes later) and counts again when it reconnects.
/// </summary>
public sealed class ViewerActivity(PresenceTracker presence, CircuitConnection circuit) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IAsyncDisposable? _connection;
    private Guid _userId;
    private bool _started;

    /// <summary>True while the tab is visible and its window has focus: only then is anything marked read.</summary>
    public bool IsAttending => IsVisible && IsFocused;

    public bool IsVisible { get; private set; }
    public bool IsFocused { get; private set; }

    /// <summary>Raised (on the browser's call) when visibility or focus changed.</summary>
    public event Func<Task>? Changed;

    /// <summary>Registers this tab with presence; called once the circuit is interactive.</summary>
    public async Task StartAsync(Guid userId, bool visible, bool focused)
    {
        if (_started) return;
        _started = true;
        _userId = userId;
        IsVisible = visible;
        IsFocused = focused;
        circuit.Disconnected += LeaveAsync;
        circuit.Reconnected += JoinAsync;
        await JoinAsync();
    }

    private async Task JoinAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _connection ??= await presence.ConnectAsync(_userId);
            await presence.ReportActivityAsync(_userId, _connection, IsVisible, active: IsVisible);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LeaveAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called by awareness.js on visibility, focus and (throttled) input.</summary>
    [JSInvokable]
    public async Task Report(bool visible, bool focused, bool active)
    {
        var changed = visible != IsVisible || focused != IsFocused;
        IsVisible = visible;
        IsFocused = focused;
        if (_connection is not null) await presence.ReportActivityAsync(_userId, _connection, visible, active);
        if (changed && Changed is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>()) await handler();
    }

    public async ValueTask DisposeAsync()
    {
        circuit.Disconnected -= LeaveAsync;
        circuit.Reconnected -= JoinAsync;
        await LeaveAsync();
    }
}
