using BlazorChat.Core.Presence;
using Microsoft.JSInterop;

namespace BlazorChat.Web.Components.Presence;

/// <summary>
/// What this tab's browser says about its person, for one circuit: visible, focused, in use.
/// Feeds presence and decides whether reading a room may advance its read marker.
/// </summary>
public sealed class ViewerActivity(PresenceTracker presence) : IAsyncDisposable
{
    private IAsyncDisposable? _connection;
    private Guid _userId;

    /// <summary>True while the tab is visible and its window has focus: only then is anything marked read.</summary>
    public bool IsAttending => IsVisible && IsFocused;

    public bool IsVisible { get; private set; }
    public bool IsFocused { get; private set; }

    /// <summary>Raised (on the browser's call) when visibility or focus changed.</summary>
    public event Func<Task>? Changed;

    /// <summary>Registers this tab with presence; called once the circuit is interactive.</summary>
    public async Task StartAsync(Guid userId, bool visible, bool focused)
    {
        if (_connection is not null) return;
        _userId = userId;
        IsVisible = visible;
        IsFocused = focused;
        _connection = await presence.ConnectAsync(userId);
        await presence.ReportActivityAsync(userId, _connection, visible, active: visible);
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
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }
}
