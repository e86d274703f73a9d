using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorChat.Core.Attachments.Images;

/// <summary>
/// Part of <c>/health/ready</c>: image processing runs in process, so it is always there; the
/// report says how busy it is (slots in use, images waiting in line) for whoever looks.
/// </summary>
public sealed class ImageProcessingHealthCheck(ImageSlots slots) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["capacity"] = slots.Capacity,
            ["busy"] = slots.Busy,
            ["waiting"] = slots.Waiting,
        };
        return Task.FromResult(HealthCheckResult.Healthy(
            $"ImageSharp in process: {slots.Busy} of {slots.Capacity} images at once, {slots.Waiting} waiting.", data));
    }
}
