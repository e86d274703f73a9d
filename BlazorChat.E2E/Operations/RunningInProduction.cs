using System.Net;
using System.Text.Json;
using BlazorChat.E2E.Infrastructure;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Operations;

/// <summary>What an operator sees of a node in Production: its logs, its metrics, how it stops and when it refuses to start.</summary>
[Collection(ChatCollection.Name)]
public sealed class RunningInProduction(BrowserFixture browser)
{
    [Fact]
    public async Task Logs_are_json_lines_with_request_and_circuit_ids_and_metrics_count_a_live_message()
    {
        await using var server = new AppServer(new Dictionary<string, string>
        {
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore.Components.RenderTree"] = "Debug",
        });
        await server.StartAsync();
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server, "Ops");
        await using var aliceTab = alice;
        await using var bobTab = bob;
        await alice.SendAsync("Counted and logged");
        await Expect(bob.Message("Counted and logged")).ToBeVisibleAsync();

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync($"{server.BaseUrl}/metrics");
        Assert.Contains("\nblazorchat_messages_sent_total 1\n", metrics);
        Assert.Contains("\nblazorchat_circuits_active 2\n", metrics);
        Assert.Contains("blazorchat_deliveries_total{subscriber=\"circuit\"}", metrics);
        Assert.Contains("blazorchat_delivery_latency_seconds_count{subscriber=\"circuit\"}", metrics);

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => (Line: line, Json: Parse(line))).ToList();
        Assert.Empty(lines.Where(l => l.Json is null).Select(l => l.Line)); // every line the server writes is a JSON object
        var entries = lines.Select(l => l.Json!.Value).ToList();
        // A request's log lines carry its request and trace ids; what a circuit does, its circuit id.
        Assert.Contains(entries, e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
                                      && HasScope(e, "RequestId") && HasScope(e, "TraceId"));
        Assert.Contains(entries, e => e.GetProperty("Category").GetString()!.StartsWith("Microsoft.AspNetCore.Components.RenderTree", StringComparison.Ordinal)
                                      && HasScope(e, "CircuitId"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_first_start_on_an_empty_database_logs_no_warning_or_error(string provider)
    {
        // Background jobs used to run before the schema existed, the first data-protection key was
        // written with a warning, and PostgreSQL's provider read a migration history that did not
        // exist yet: an operator's first look at the logs showed failures.
        await using var server = new AppServer(provider == "Postgres" ? EmptyPostgresDatabase() : null);
        await server.StartAsync();
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server, "First");
        await using var aliceTab = alice;
        await using var bobTab = bob;
        await alice.SendAsync("Hello on a new installation");
        await Expect(bob.Message("Hello on a new installation")).ToBeVisibleAsync();
        await server.StopGracefullyAsync();

        var complaints = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse).OfType<JsonElement>()
            .Where(entry => entry.GetProperty("LogLevel").GetString() is "Warning" or "Error" or "Critical")
            .Select(entry => $"{entry.GetProperty("LogLevel")} {entry.GetProperty("Category")}: {entry.GetProperty("Message")}")
            .ToList();
        Assert.True(complaints.Count == 0, string.Join("\n", complaints));
    }

    private static Dictionary<string, string> EmptyPostgresDatabase() =>
        new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Chat"] = TestPostgres.NewDatabase("bc_first") };

    [Fact]
    public async Task A_stopping_node_fails_readiness_while_it_drains_then_exits_cleanly()
    {
        await using var server = new AppServer(new Dictionary<string, string>
        {
            ["Shutdown__NoticeTime"] = "00:00:03",
            ["Logging__LogLevel__BlazorChat.Web.Operations"] = "Information",
        });
        await server.StartAsync();
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{server.BaseUrl}/health/ready")).StatusCode);

        await server.SignalStopAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        HttpStatusCode ready;
        do
        {
            await poll.WaitForNextTickAsync();
            ready = (await http.GetAsync($"{server.BaseUrl}/health/ready")).StatusCode;
        } while (ready == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        // A load balancer sees the node as not ready once it begins to stop; new visitors are sent away.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{server.BaseUrl}/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync($"{server.BaseUrl}/Account/Login")).StatusCode);

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("draining before stopping", server.Output);
    }

    [Fact]
    public async Task A_node_refuses_to_start_on_a_database_a_newer_version_migrated()
    {
        await using var server = new AppServer();
        await server.StartAsync();
        await server.StopAsync();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "blazorchat.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromANewerVersion', '10.0.14')";
            await insert.ExecuteNonQueryAsync();
        }

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);

        Assert.Contains("exited with code 1", refusal.Message);
        Assert.Contains("29991231000000_FromANewerVersion", refusal.Message);
        Assert.Contains("newer version of BlazorChat", refusal.Message);
    }

    private static JsonElement? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException) { return null; }
    }

    private static bool HasScope(JsonElement entry, string name) =>
        entry.TryGetProperty("Scopes", out var scopes)
        && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 });
}
