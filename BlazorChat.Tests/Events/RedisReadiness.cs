using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Events;

/// <summary>
/// An app configured with Redis: its readiness check includes Redis (Degraded while it is down,
/// Healthy again when it is back), and every answer names the node for the load balancer.
/// </summary>
public sealed class RedisReadiness : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly TempDataDirectory _data = new();
    private ChatWebApplication _app = default!;

    public Task InitializeAsync()
    {
        _app = new ChatWebApplication(new Dictionary<string, string?>
        {
            ["BlazorChat:DataDirectory"] = _data.Path,
            ["Redis:Connection"] = _redis.ConnectionString,
            ["BlazorChat:NodeId"] = "node-t",
        });
        _app.CreateClient().Dispose(); // starts the app
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Readiness_is_Degraded_while_Redis_is_down_and_Healthy_when_it_is_back()
    {
        await ReadinessBecomesAsync("Healthy");

        _redis.Stop();
        await ReadinessBecomesAsync("Degraded");

        _redis.Start();
        await ReadinessBecomesAsync("Healthy");
    }

    [Fact]
    public async Task Every_answer_names_the_node_in_the_bc_node_cookie()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/health/live");

        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("bc_node=node-t;", StringComparison.Ordinal));
    }

    private async Task ReadinessBecomesAsync(string expected)
    {
        using var client = _app.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = "";
        while (DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            last = await client.GetStringAsync("/health/ready");
            if (last == expected) return;
        }
        last.ShouldBe(expected, "/health/ready did not change in 30 s");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _redis.Dispose();
        _data.Dispose();
    }
}
