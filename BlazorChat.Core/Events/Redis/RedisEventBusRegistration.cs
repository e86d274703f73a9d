using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorChat.Core.Events.Redis;

public static class RedisEventBusRegistration
{
    /// <summary>
    /// With <c>Redis:Connection</c> set, replaces the in-process bus with the Redis bus (which
    /// keeps delivering in-process at once) and adds its readiness check; otherwise does nothing.
    /// </summary>
    public static bool AddRedisEventBus(this IHostApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration)) return false;
        var services = builder.Services;
        services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section));
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RedisEventBus>());
        services.AddSingleton<IEventBusStatus>(sp => sp.GetRequiredService<RedisEventBus>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventBus>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return true;
    }

    /// <summary>True when <c>Redis:Connection</c> is set: this node is one of several.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(RedisOptions.Section)[nameof(RedisOptions.Connection)]);
}
