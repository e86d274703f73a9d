using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Exporter;

namespace BlazorChat.Web.Operations;

/// <summary>
/// Bound from the <c>Metrics</c> section: who may read <c>/metrics</c>. A request from the machine
/// itself (loopback, not forwarded by a proxy) always may; anyone else only with
/// <c>Authorization: Bearer {BearerToken}</c>, and not at all while no token is set.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>A secret a scraper on another machine sends as a bearer token; unset means loopback only.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Whether <paramref name="context"/> may read the metrics.</summary>
    public bool Allows(HttpContext context)
    {
        if (!string.IsNullOrEmpty(BearerToken)
            && context.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(BearerToken)))
            return true;
        // A proxy on the same machine connects from loopback too: what it forwards is not local.
        var forwarded = context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded");
        return !forwarded && context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
    }
}

/// <summary>
/// Bound from <c>OpenTelemetry:Otlp</c>: where to push the same metrics over OTLP. Nothing is
/// exported while <see cref="Endpoint"/> is unset.
/// </summary>
public sealed class OtlpOptions
{
    public const string Section = "OpenTelemetry:Otlp";

    /// <summary>The collector: <c>http://collector:4317</c> for gRPC, or the full <c>…/v1/metrics</c> URL for <c>HttpProtobuf</c>.</summary>
    public Uri? Endpoint { get; set; }

    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>Extra request headers, <c>name=value</c> pairs separated by commas (an API key, say).</summary>
    public string? Headers { get; set; }

    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "blazorchat";
}
