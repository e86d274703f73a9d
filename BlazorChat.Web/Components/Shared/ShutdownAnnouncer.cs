using BlazorChat.Core.Diagnostics;
using BlazorChat.Web.Operations;
using Microsoft.Extensions.Options;

namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// The first part of a graceful shutdown (a deploy, a rolling restart): readiness turns unhealthy,
/// new pages and API calls are answered 503 so a load balancer sends them elsewhere, every open tab
/// is told, and message sends already running get to finish. It lasts at least
/// <see cref="ShutdownOptions.NoticeTime"/> and at most <see cref="ShutdownOptions.DrainTimeout"/>;
/// then the host stops (connections closed, web server stopped within <c>HostOptions.ShutdownTimeout</c>).
/// A stop signal starts it before the host stops (<see cref="DrainingLifetime"/>); a host stopped
/// any other way runs it in <see cref="StoppingAsync"/>, before any hosted service stops.
/// </summary>
public sealed class ShutdownAnnouncer(IOptions<ShutdownOptions> options, ChatMetrics metrics, TimeProvider clock, ILogger<ShutdownAnnouncer> logger)
    : IHostedLifecycleService
{
    private readonly Lock _gate = new();
    private Task? _draining;

    /// <summary>Raised once when the server begins shutting down; handlers marshal to their own component.</summary>
    public event Action? Stopping;

    /// <summary>True from the moment shutdown begins.</summary>
    public bool IsStopping { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        try { await DrainAsync().WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Begins the drain (once) and completes when it is over.</summary>
    public Task DrainAsync()
    {
        lock (_gate) return _draining ??= RunDrainAsync();
    }

    private async Task RunDrainAsync()
    {
        var started = clock.GetTimestamp();
        IsStopping = true;
        logger.LogInformation("Shutting down: readiness reports unhealthy, open tabs are told, {Sends} running sends may finish", metrics.SendsInFlight);
        Stopping?.Invoke();

        var settings = options.Value;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50), clock);
        while (clock.GetElapsedTime(started) < settings.DrainTimeout
               && (clock.GetElapsedTime(started) < settings.NoticeTime || metrics.SendsInFlight > 0))
            await poll.WaitForNextTickAsync();

        if (metrics.SendsInFlight > 0)
            logger.LogWarning("Shutting down with {Sends} sends still running after {Timeout}", metrics.SendsInFlight, settings.DrainTimeout);
        else
            logger.LogInformation("Drained after {Elapsed}; stopping", clock.GetElapsedTime(started));
    }
}
