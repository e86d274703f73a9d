using System.Net;
using System.Runtime;
using BlazorChat.Web.Hubs;

namespace BlazorChat.Web.Endpoints;

/// <summary>
/// Memory figures for the load tool (<c>tools/loadtest</c>), mapped only when the setting
/// <c>BlazorChat:Benchmark:Diagnostics</c> is true and answered only on a loopback address:
/// a production server never exposes a way to force garbage collections.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string Setting = "BlazorChat:Benchmark:Diagnostics";

    /// <summary>Heap and process memory after a full, compacting collection, with the hub connections open on this node.</summary>
    public sealed record MemoryReading(long GcHeapBytes, long WorkingSetBytes, long CommittedBytes, int HubConnections);

    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return app;
        app.MapPost("/_bench/memory", (HttpContext http, HubRelay relay) =>
        {
            if (http.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address)) return Results.NotFound();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            return Results.Ok(new MemoryReading(GC.GetTotalMemory(forceFullCollection: false), Environment.WorkingSet,
                info.TotalCommittedBytes, relay.ConnectionCount));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
