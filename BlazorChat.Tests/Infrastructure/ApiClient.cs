using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorChat.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>The web app with limits raised for API tests, which sign in many people from one address and send bursts.</summary>
public abstract class ApiAppFixture(TestDatabase database) : WebAppFixture(database)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["BlazorChat:Api:LoginAttemptsPerMinute"] = "100000",
        ["BlazorChat:RateLimits:MessagesPerSecond"] = "100000",
    };
}

public sealed class SqliteApiApp() : ApiAppFixture(TestDatabase.Sqlite);

public sealed class PostgresApiApp() : ApiAppFixture(TestDatabase.Postgres);

/// <summary>The tokens <c>/api/v1/auth/login</c> and <c>/refresh</c> answer with.</summary>
public sealed record Tokens(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>A person using the REST API: an HTTP client that sends their bearer token.</summary>
public sealed class ApiClient(HttpClient http, ChatUser user) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http { get; } = http;
    public ChatUser User { get; } = user;
    public Guid Id => User.Id;
    public Tokens? Tokens { get; private set; }

    /// <summary>Registers a new person through the real registration path.</summary>
    public static async Task<ChatUser> RegisterAsync(ChatWebApplication app, string prefix = "api")
    {
        var username = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(UsernameRules.MaxLength, prefix.Length + 13)];
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .RegisterAsync($"{username}@example.test", username, ChatTestHost.Password);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.User!;
    }

    /// <summary>A client without any credentials.</summary>
    public static HttpClient Anonymous(ChatWebApplication app) =>
        app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = app.ClientOptions.BaseAddress });

    /// <summary>Registers a new person and signs them in through <c>POST /api/v1/auth/login</c>.</summary>
    public static async Task<ApiClient> SignUpAsync(ChatWebApplication app, string prefix = "api")
    {
        var user = await RegisterAsync(app, prefix);
        var client = new ApiClient(Anonymous(app), user);
        await client.LogInAsync();
        return client;
    }

    public async Task LogInAsync()
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/login", new { login = User.UserName, password = ChatTestHost.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Use((await response.Content.ReadFromJsonAsync<Tokens>(Json))!);
    }

    public void Use(Tokens tokens)
    {
        Tokens = tokens;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);
    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) => Http.PostAsJsonAsync(url, body ?? new { }, Json);
    public Task<HttpResponseMessage> PutAsync(string url, object? body = null) => Http.PutAsJsonAsync(url, body ?? new { }, Json);
    public Task<HttpResponseMessage> PatchAsync(string url, object body) => Http.PatchAsJsonAsync(url, body, Json);
    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.DeleteAsync(url);

    /// <summary>GETs <paramref name="url"/>, expecting 200, and reads the body.</summary>
    public async Task<T> GetOkAsync<T>(string url) => await ReadAsync<T>(await GetAsync(url), HttpStatusCode.OK);

    /// <summary>Reads a response body after checking its status, showing the body when the status is not the expected one.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    /// <summary>Checks that <paramref name="response"/> is a ProblemDetails with <paramref name="status"/>, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        return problem;
    }

    public void Dispose() => Http.Dispose();
}
