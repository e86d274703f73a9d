using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorChat.Core.Events.Redis;

/// <summary>Part of <c>/health/ready</c> when Redis is configured: Degraded while news cannot cross to the other nodes (this node still serves its own people).</summary>
internal sealed class RedisHealthCheck(RedisEventBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bus.IsHealthy
            ? HealthCheckResult.Healthy("Redis connected")
            : HealthCheckResult.Degraded($"Redis {bus.Redis}: news reaches this node's people only until it is back"));
}
