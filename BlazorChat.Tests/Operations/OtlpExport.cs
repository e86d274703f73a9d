using System.Collections.Concurrent;
using System.Text;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Operations;

/// <summary>With <c>OpenTelemetry:Otlp:Endpoint</c> set, the chat's metrics are pushed to that collector.</summary>
public sealed class OtlpExport
{
    [Fact]
    public async Task A_configured_collector_receives_the_chat_metrics_over_otlp()
    {
        var received = new ConcurrentQueue<byte[]>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = collector.Build();
        receiver.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            return Results.Ok();
        });
        await receiver.StartAsync();
        var address = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var data = new TempDataDirectory();
        await using var app = new ChatWebApplication(new Dictionary<string, string?>
        {
            ["BlazorChat:DataDirectory"] = data.Path,
            ["OpenTelemetry:Otlp:Endpoint"] = $"{address}/v1/metrics",
            ["OpenTelemetry:Otlp:Protocol"] = "HttpProtobuf",
            ["OpenTelemetry:Otlp:ExportInterval"] = "00:00:00.200",
        });
        var author = await ApiClient.RegisterAsync(app, "otlp");
        var room = await app.Services.GetRequiredService<RoomService>().CreateChannelAsync(author.Id, $"Otlp {Guid.NewGuid():N}"[..13], null, false);
        await app.Services.GetRequiredService<MessageService>().SendAsync(author.Id, room.Id, Guid.NewGuid(), "Exported");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!received.Any(Mentions("blazorchat.messages.sent")) && DateTime.UtcNow < deadline) await poll.WaitForNextTickAsync();

        received.Any(Mentions("blazorchat.messages.sent")).ShouldBeTrue(
            $"an OTLP export with the messages-sent counter; {received.Count} exports reached {address}, the last of {received.LastOrDefault()?.Length} bytes");
        received.Any(Mentions("service.name")).ShouldBeTrue("the service name as a resource attribute");
    }

    // Names travel as plain UTF-8 strings inside the protobuf payload.
    private static Func<byte[], bool> Mentions(string text) => body => Encoding.UTF8.GetString(body).Contains(text, StringComparison.Ordinal);
}
