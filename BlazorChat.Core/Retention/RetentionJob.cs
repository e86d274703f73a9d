using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Retention;

/// <summary>Bound from <c>BlazorChat:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "BlazorChat:Retention";

    /// <summary>How often each node tries to sweep (only the lease holder does).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Runs the <see cref="RetentionSweeper"/> on a timer on every node; the lease makes one of them do the work.</summary>
internal sealed class RetentionJob(RetentionSweeper sweeper, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first sweep waits a little, so that start-up (and a test's own sweep) goes first.
        var first = options.Value.Interval < TimeSpan.FromMinutes(1) ? options.Value.Interval : TimeSpan.FromMinutes(1);
        try { await Task.Delay(first, clock, stoppingToken); }
        catch (OperationCanceledException) { return; }
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try { await sweeper.RunOnceAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { logger.LogWarning(ex, "The retention sweep failed; it runs again at the next interval"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
