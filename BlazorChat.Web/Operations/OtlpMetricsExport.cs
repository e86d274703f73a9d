using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace BlazorChat.Web.Operations;

/// <summary>
/// Pushes the meters of <see cref="PrometheusMetrics.Meters"/> to an OTLP collector while the app
/// runs. OpenTelemetry.Extensions.Hosting does not restore, so the meter provider is built here and
/// flushed and disposed when the host stops.
/// </summary>
internal sealed class OtlpMetricsExport(IOptions<OtlpOptions> options, ILogger<OtlpMetricsExport> logger) : IHostedService, IDisposable
{
    private MeterProvider? _provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Endpoint is null) return Task.CompletedTask;
        var version = typeof(OtlpMetricsExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        _provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: version, serviceInstanceId: Environment.MachineName))
            .AddMeter(PrometheusMetrics.Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = settings.Endpoint;
                exporter.Protocol = settings.Protocol;
                if (!string.IsNullOrWhiteSpace(settings.Headers)) exporter.Headers = settings.Headers;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.ExportInterval.TotalMilliseconds;
            })
            .Build();
        logger.LogInformation("Exporting metrics over OTLP ({Protocol}) to {Endpoint} every {Interval}", settings.Protocol, settings.Endpoint, settings.ExportInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _provider?.ForceFlush(timeoutMilliseconds: 5000);
        return Task.CompletedTask;
    }

    public void Dispose() => _provider?.Dispose();
}
