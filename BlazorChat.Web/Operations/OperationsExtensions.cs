using BlazorChat.Core.Data;
using BlazorChat.Web.Components.Shared;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BlazorChat.Web.Operations;

/// <summary>
/// What running BlazorChat in production needs beside the chat: metrics (<c>/metrics</c>, OTLP),
/// JSON logs with request and circuit ids, and a graceful shutdown (ADR-010). Health checks and
/// shared data-protection keys are registered with the rest of the web app.
/// </summary>
public static class OperationsExtensions
{
    public static WebApplicationBuilder AddChatOperations(this WebApplicationBuilder builder)
    {
        // JSON lines in Production unless a console formatter is chosen (Logging:Console:FormatterName).
        var formatter = builder.Configuration["Logging:Console:FormatterName"] ?? (builder.Environment.IsProduction() ? "json" : null);
        if (string.Equals(formatter, "json", StringComparison.OrdinalIgnoreCase))
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "O";
            });

        var services = builder.Services;
        services.AddOptions<ShutdownOptions>().Bind(builder.Configuration.GetSection(ShutdownOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.StopTimeout);
        services.AddSingleton<IHostLifetime, DrainingLifetime>();
        services.AddHealthChecks().AddCheck<ShutdownHealthCheck>("shutdown", tags: ["ready"]);

        services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton<PrometheusMetrics>();
        services.AddOptions<OtlpOptions>().Bind(builder.Configuration.GetSection(OtlpOptions.Section));
        services.AddHostedService<OtlpMetricsExport>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitActivity>();
        return builder;
    }

    /// <summary>While shutting down, new pages, API calls and hub connections are answered 503 so a load balancer tries another node.</summary>
    public static WebApplication UseShutdownGate(this WebApplication app)
    {
        var announcer = app.Services.GetRequiredService<ShutdownAnnouncer>();
        app.Use(async (context, next) =>
        {
            if (!announcer.IsStopping || StaysOpenWhileStopping(context.Request.Path))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsync("The server is restarting. Try again in a moment.");
        });
        return app;
    }

    /// <summary><c>/metrics</c> in the Prometheus text format, for the callers <see cref="MetricsOptions"/> allows.</summary>
    public static WebApplication MapChatOperations(this WebApplication app)
    {
        // Created now, so that it counts from the start rather than from the first scrape.
        app.Services.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", (HttpContext context, PrometheusMetrics metrics, IOptions<MetricsOptions> options) =>
            {
                if (options.Value.Allows(context)) return Results.Text(metrics.Write(), "text/plain; version=0.0.4; charset=utf-8");
                if (string.IsNullOrEmpty(options.Value.BearerToken))
                    return Results.Text("Metrics are served to this machine only (see Metrics:BearerToken).", statusCode: StatusCodes.Status403Forbidden);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Text("A valid bearer token is required.", statusCode: StatusCodes.Status401Unauthorized);
            })
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Runs the app; returns 1 when it refused to start because of the database schema (already
    /// logged with the reason), so the process exits non-zero without a crash report.
    /// </summary>
    public static int RunChat(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (DatabaseSchemaException)
        {
            return 1;
        }
    }

    // Open tabs keep their circuit, files and assets until connections close; probes keep answering.
    private static bool StaysOpenWhileStopping(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/_blazor")
        || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/files")
        || path.StartsWithSegments("/avatars") || Path.HasExtension(path.Value);

    private sealed class ShutdownHealthCheck(ShutdownAnnouncer announcer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(announcer.IsStopping ? HealthCheckResult.Unhealthy("The server is shutting down.") : HealthCheckResult.Healthy());
    }
}
