using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>
/// Degraded, not unhealthy, without libvips: the server still takes uploads, it only cannot make
/// thumbnails or re-encode images (they are then offered as downloads).
/// </summary>
public sealed class ImageToolsHealthCheck(IImageProcessor images) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!images.IsAvailable) return HealthCheckResult.Degraded(await images.DescribeAsync(cancellationToken));
        try
        {
            return HealthCheckResult.Healthy(await images.DescribeAsync(cancellationToken));
        }
        catch (ImageProcessingException ex)
        {
            return HealthCheckResult.Degraded("Image processing does not answer.", ex);
        }
    }
}
