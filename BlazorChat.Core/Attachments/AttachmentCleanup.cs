using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Attachments;

/// <summary>
/// Runs <see cref="AttachmentService.CleanUpAsync"/> now and then: uploads that were never sent,
/// and files of deleted messages and rooms whose bytes are still stored, are removed.
/// </summary>
public sealed class AttachmentCleanup(AttachmentService attachments, IOptions<UploadOptions> options, TimeProvider clock,
    ILogger<AttachmentCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                var purged = await attachments.CleanUpAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Removed {Count} unsent or deleted files", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "File cleanup failed; it runs again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
