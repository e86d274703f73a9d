namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// Tells every open tab that the server is going down (a deploy or a restart), then gives the
/// message a moment to reach the browsers before the server stops taking connections.
/// <see cref="StoppingAsync"/> runs before any hosted service stops, the web server included, so
/// the circuits are still connected then.
/// </summary>
public sealed class ShutdownAnnouncer(ILogger<ShutdownAnnouncer> logger) : IHostedLifecycleService
{
    /// <summary>How long the announcement is given to reach open tabs.</summary>
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(1);

    /// <summary>Raised once when the server begins shutting down; handlers marshal to their own component.</summary>
    public event Action? Stopping;

    public bool IsStopping { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        IsStopping = true;
        logger.LogInformation("Shutting down: telling open tabs");
        Stopping?.Invoke();
        try { await Task.Delay(Drain, cancellationToken); }
        catch (OperationCanceledException) { }
    }
}
