using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Web.Operations;

/// <summary>Bound from the <c>Shutdown</c> section: how long a graceful shutdown drains (ADR-010).</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>The least time between the start of a shutdown and closing connections: for open tabs to show the notice and a load balancer to see readiness fail.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan NoticeTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most time the drain waits for running sends before the host stops anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After the drain: how long the host gives the web server and background services to stop (<c>HostOptions.ShutdownTimeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
