using System.Net;
using BlazorChat.Core.Diagnostics;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorChat.Tests.Operations;

/// <summary>
/// What a load balancer and the people on a node notice when it begins a graceful shutdown: it
/// reports itself not ready at once, sends new visitors away, tells open tabs, and lets a message
/// that is being sent finish before it stops.
/// </summary>
public sealed class GracefulShutdown : IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();
    private PostgresDatabase _database = default!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync("shutdown");

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Shutting_down_fails_readiness_refuses_new_visitors_tells_tabs_and_waits_for_a_running_send()
    {
        await using var app = new ChatWebApplication(new Dictionary<string, string?>
        {
            ["BlazorChat:DataDirectory"] = _data.Path,
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Chat"] = _database.ConnectionString,
            ["Shutdown:NoticeTime"] = "00:00:00",
            ["Shutdown:DrainTimeout"] = "00:02:00",
        });
        var author = await ApiClient.RegisterAsync(app, "leaving");
        var room = await app.Services.GetRequiredService<RoomService>().CreateChannelAsync(author.Id, $"Drain {Guid.NewGuid():N}"[..14], null, false);
        var announcer = app.Services.GetRequiredService<ShutdownAnnouncer>();
        var tabsTold = new TaskCompletionSource();
        announcer.Stopping += () => tabsTold.TrySetResult();
        using var http = ApiClient.Anonymous(app);

        // Hold the room's row, so a send gets as far as its write and waits there.
        await using var blocker = new NpgsqlConnection(_database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockRoom = new NpgsqlCommand("SELECT 1 FROM \"Rooms\" WHERE \"Id\" = @id FOR UPDATE", blocker, hold))
        {
            lockRoom.Parameters.AddWithValue("id", room.Id);
            await lockRoom.ExecuteScalarAsync();
        }
        var sending = Task.Run(() => app.Services.GetRequiredService<MessageService>().SendAsync(author.Id, room.Id, Guid.NewGuid(), "Sent as the deploy began"));
        var metrics = app.Services.GetRequiredService<ChatMetrics>();
        await Until(() => metrics.SendsInFlight == 1);

        var draining = announcer.DrainAsync();

        await tabsTold.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await http.GetAsync("/Account/Login");
        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        page.Headers.RetryAfter.ShouldNotBeNull();
        (await http.GetAsync($"/api/v1/rooms/{room.Id}/messages")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        draining.IsCompleted.ShouldBeFalse("the drain waits for the send that is still running");

        await hold.RollbackAsync();
        var sent = await sending.WaitAsync(TimeSpan.FromSeconds(30));
        await draining.WaitAsync(TimeSpan.FromSeconds(30));

        var stored = await app.Services.GetRequiredService<MessageService>().GetAfterAsync(author.Id, room.Id, 0);
        stored.ShouldContain(m => m.Id == sent.Id && m.Body == "Sent as the deploy began");
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true within 10 s.");
            await poll.WaitForNextTickAsync();
        }
    }
}
