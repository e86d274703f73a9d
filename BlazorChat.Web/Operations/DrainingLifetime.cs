using System.Runtime.InteropServices;
using BlazorChat.Web.Components.Shared;

namespace BlazorChat.Web.Operations;

/// <summary>
/// Replaces the console lifetime so that a stop signal (SIGTERM from a deploy or an orchestrator,
/// Ctrl+C) drains first and stops the host after: the default lifetime stops at once, and stopping
/// closes every circuit's connection before open tabs could be told. A second signal stops at once.
/// </summary>
public sealed class DrainingLifetime(IHostApplicationLifetime lifetime, ShutdownAnnouncer announcer, IHostEnvironment environment,
    ILogger<DrainingLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => logger.LogInformation(
            "Application started in {Environment}; content root {ContentRoot}. Press Ctrl+C to shut down.", environment.EnvironmentName, environment.ContentRootPath));
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM })
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _registrations.Clear();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // the host stops by itself, below
        if (Interlocked.Increment(ref _signals) > 1)
        {
            logger.LogWarning("{Signal} again: stopping without waiting for the drain", context.Signal);
            lifetime.StopApplication();
            return;
        }
        logger.LogInformation("{Signal} received: draining before stopping", context.Signal);
        _ = DrainThenStopAsync();
    }

    private async Task DrainThenStopAsync()
    {
        try { await announcer.DrainAsync(); }
        finally { lifetime.StopApplication(); }
    }
}
