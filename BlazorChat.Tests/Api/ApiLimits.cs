using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Api;

/// <summary>An app with low limits, to see each limit refuse with 429 and Retry-After.</summary>
public sealed class LowLimitsApp() : WebAppFixture(TestDatabase.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["BlazorChat:RateLimits:MessagesPerSecond"] = "2",
        ["BlazorChat:Api:RequestsPerMinute"] = "30",
        ["BlazorChat:Api:LoginAttemptsPerMinute"] = "4",
    };
}

/// <summary>Rate limits of the API: per token, per person's messages, and sign-in attempts per address.</summary>
public sealed class ApiLimits(LowLimitsApp fixture) : IClassFixture<LowLimitsApp>
{
    private ChatWebApplication App => fixture.App;

    // Personal access tokens straight from the service: these tests must not spend the sign-in allowance.
    private async Task<HttpClient> ClientWithTokenAsync(Guid userId)
    {
        var created = await App.Services.GetRequiredService<PersonalAccessTokenService>().CreateAsync(userId, "limits", null);
        var http = ApiClient.Anonymous(App);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        return http;
    }

    [Fact]
    public async Task Sending_faster_than_the_message_limit_is_429_with_retry_after_and_stores_nothing_extra()
    {
        var user = await ApiClient.RegisterAsync(App);
        using var http = await ClientWithTokenAsync(user.Id);
        var room = await App.Services.GetRequiredService<RoomService>().CreateChannelAsync(user.Id, $"Fast {Guid.NewGuid():N}"[..12], null, false);

        // At once, as a script in a hurry would: more than the allowance of 2 a second.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            http.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/messages", new { body = $"burst {i}" })));

        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        refused.ShouldNotBeNull($"statuses: {string.Join(", ", responses.Select(r => r.StatusCode))}");
        await ApiClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        var stored = await App.Services.GetRequiredService<BlazorChat.Core.Messages.MessageService>().GetLatestAsync(user.Id, room.Id);
        stored.Count.ShouldBe(responses.Count(r => r.StatusCode == HttpStatusCode.Created));
    }

    [Fact]
    public async Task Each_token_has_its_own_request_allowance()
    {
        var user = await ApiClient.RegisterAsync(App);
        using var busy = await ClientWithTokenAsync(user.Id);
        using var calm = await ClientWithTokenAsync(user.Id);

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 40 && refused is null; i++)
        {
            var response = await busy.GetAsync("/api/v1/rooms");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }

        refused.ShouldNotBeNull();
        await ApiClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await calm.GetAsync("/api/v1/rooms")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited()
    {
        using var http = ApiClient.Anonymous(App);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { login = $"guess{i}", password = "Guessing-1" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
        }

        refused.ShouldNotBeNull();
        await ApiClient.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Cross_origin_browsers_get_no_cors_permission_by_default()
    {
        using var http = ApiClient.Anonymous(App);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/rooms");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        var response = await http.SendAsync(preflight);

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
