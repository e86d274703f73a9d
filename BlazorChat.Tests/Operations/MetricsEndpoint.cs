using System.Net;
using System.Net.Http.Headers;
using BlazorChat.Core.Diagnostics;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Operations;

/// <summary>An app of its own, so its counters start at zero, with a scrape token set.</summary>
public sealed class MetricsApp() : WebAppFixture(TestDatabase.Sqlite)
{
    public const string Token = "scrape-token-for-the-tests";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?> { ["Metrics:BearerToken"] = Token };
}

/// <summary><c>/metrics</c>: who may read it, and what a Prometheus scraper reads there after a message is sent.</summary>
public sealed class MetricsEndpoint(MetricsApp fixture) : IClassFixture<MetricsApp>
{
    private ChatWebApplication App => fixture.App;

    private HttpClient Scraper(string? token)
    {
        var client = ApiClient.Anonymous(App);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_caller_from_another_machine_needs_the_bearer_token()
    {
        using var anonymous = Scraper(null);
        using var wrong = Scraper("not-the-token");

        var withoutToken = await anonymous.GetAsync("/metrics");
        var withWrongToken = await wrong.GetAsync("/metrics");

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withoutToken.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        withWrongToken.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await withWrongToken.Content.ReadAsStringAsync()).ShouldNotContain("blazorchat_");
    }

    [Fact]
    public async Task After_a_message_is_sent_the_scrape_shows_it_sent_delivered_and_how_long_delivery_took()
    {
        var author = await ApiClient.RegisterAsync(App, "metrics");
        var room = await App.Services.GetRequiredService<RoomService>().CreateChannelAsync(author.Id, $"Metrics {Guid.NewGuid():N}"[..16], null, false);
        var delivered = new TaskCompletionSource();
        // A subscription made by circuit code, as a room view's is.
        using var view = await Task.Run(() =>
        {
            ChatMetrics.RunAs(DeliveryTarget.Circuit);
            return App.Services.GetRequiredService<IEventBus>().Subscribe(Topics.Room(room.Id), e =>
            {
                if (e is MessagePosted) delivered.TrySetResult();
                return Task.CompletedTask;
            });
        });

        await App.Services.GetRequiredService<MessageService>().SendAsync(author.Id, room.Id, Guid.NewGuid(), "Counted once");
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var scraper = Scraper(MetricsApp.Token);
        var response = await scraper.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var (samples, types) = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        double Value(string name, string labels = "") => samples.Single(s => s.Name == name && s.Labels == labels).Value;

        types["blazorchat_messages_sent_total"].ShouldBe("counter");
        Value("blazorchat_messages_sent_total").ShouldBe(1);
        Value("blazorchat_deliveries_total", "subscriber=\"circuit\"").ShouldBe(1);
        types["blazorchat_delivery_latency_seconds"].ShouldBe("histogram");
        Value("blazorchat_delivery_latency_seconds_count", "subscriber=\"circuit\"").ShouldBe(1);
        Value("blazorchat_delivery_latency_seconds_bucket", "subscriber=\"circuit\",le=\"+Inf\"").ShouldBe(1);
        Value("blazorchat_delivery_latency_seconds_sum", "subscriber=\"circuit\"").ShouldBeGreaterThanOrEqualTo(0);
        types["blazorchat_circuits_active"].ShouldBe("gauge");
        types["blazorchat_hub_connections_active"].ShouldBe("gauge");
        Value("blazorchat_sends_in_flight").ShouldBe(0);
        types["http_server_request_duration_seconds"].ShouldBe("histogram");

        // Histogram buckets are cumulative and end in the count.
        foreach (var family in types.Where(t => t.Value == "histogram").Select(t => t.Key))
            foreach (var series in samples.Where(s => s.Name == family + "_bucket").GroupBy(s => string.Join(",", s.Labels.Split(',').Where(l => !l.StartsWith("le=")))))
            {
                var counts = series.Select(s => s.Value).ToList();
                counts.ShouldBe(counts.Order().ToList(), $"{family}{{{series.Key}}} buckets are cumulative");
                counts[^1].ShouldBe(samples.Single(s => s.Name == family + "_count" && s.Labels == series.Key).Value);
            }
    }
}
