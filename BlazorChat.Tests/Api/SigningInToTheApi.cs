using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Api;

/// <summary>Signing in to the API with a password (and two-factor code), refreshing, signing out and lockout.</summary>
public abstract class SigningInToTheApi(ApiAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    private Task<HttpResponseMessage> LogInAsync(HttpClient http, string login, string password, string? code = null) =>
        http.PostAsJsonAsync("/api/v1/auth/login", new { login, password, twoFactorCode = code });

    [Fact]
    public async Task Logging_in_with_the_username_or_the_email_gives_tokens_that_open_the_api()
    {
        var user = await ApiClient.RegisterAsync(App);
        foreach (var login in new[] { user.UserName!, user.Email! })
        {
            using var client = new ApiClient(ApiClient.Anonymous(App), user);
            var tokens = await ApiClient.ReadAsync<Tokens>(await LogInAsync(client.Http, login, ChatTestHost.Password), HttpStatusCode.OK);
            tokens.TokenType.ShouldBe("Bearer");
            tokens.ExpiresIn.ShouldBeGreaterThan(0);
            tokens.RefreshToken.ShouldNotBeNullOrEmpty();
            client.Use(tokens);

            var me = await client.GetOkAsync<System.Text.Json.JsonElement>("/api/v1/users/me");
            me.GetProperty("username").GetString().ShouldBe(user.UserName);
        }
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_401_problem()
    {
        var user = await ApiClient.RegisterAsync(App);
        using var http = ApiClient.Anonymous(App);

        var wrong = await ApiClient.ProblemAsync(await LogInAsync(http, user.UserName!, "Not-The-Password-1"), HttpStatusCode.Unauthorized);
        var unknown = await ApiClient.ProblemAsync(await LogInAsync(http, "nobody_at_all", "Not-The-Password-1"), HttpStatusCode.Unauthorized);

        wrong.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_login_without_a_password_is_a_400_naming_the_field()
    {
        using var http = ApiClient.Anonymous(App);

        var problem = await ApiClient.ProblemAsync(await http.PostAsJsonAsync("/api/v1/auth/login", new { login = "someone" }), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Without_a_valid_token_the_api_answers_401_with_a_problem()
    {
        using var http = ApiClient.Anonymous(App);
        await ApiClient.ProblemAsync(await http.GetAsync("/api/v1/rooms"), HttpStatusCode.Unauthorized);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await ApiClient.ProblemAsync(await http.GetAsync("/api/v1/rooms"), HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bcpat_not-a-real-token");
        await ApiClient.ProblemAsync(await http.GetAsync("/api/v1/rooms"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_gives_new_working_tokens_and_a_forged_refresh_token_is_refused()
    {
        using var client = await ApiClient.SignUpAsync(App);
        using var http = ApiClient.Anonymous(App);

        var refreshed = await ApiClient.ReadAsync<Tokens>(
            await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = client.Tokens!.RefreshToken }), HttpStatusCode.OK);
        client.Use(refreshed);
        (await client.GetAsync("/api/v1/rooms")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await ApiClient.ProblemAsync(await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = client.Tokens!.AccessToken + "x" }), HttpStatusCode.Unauthorized);
        // An access token is not a refresh token.
        await ApiClient.ProblemAsync(await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = client.Tokens!.AccessToken }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logging_out_revokes_the_access_and_refresh_tokens_of_that_sign_in_only()
    {
        using var client = await ApiClient.SignUpAsync(App);
        using var other = new ApiClient(ApiClient.Anonymous(App), client.User);
        await other.LogInAsync();
        var signedOut = client.Tokens!;

        (await client.PostAsync("/api/v1/auth/logout")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ApiClient.ProblemAsync(await client.GetAsync("/api/v1/rooms"), HttpStatusCode.Unauthorized);
        using var http = ApiClient.Anonymous(App);
        await ApiClient.ProblemAsync(await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = signedOut.RefreshToken }), HttpStatusCode.Unauthorized);
        (await other.GetAsync("/api/v1/rooms")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_with_429_and_retry_after()
    {
        var user = await ApiClient.RegisterAsync(App);
        using var http = ApiClient.Anonymous(App);
        for (var i = 0; i < 4; i++)
            await ApiClient.ProblemAsync(await LogInAsync(http, user.UserName!, "Wrong-Password-1"), HttpStatusCode.Unauthorized);

        var locked = await LogInAsync(http, user.UserName!, "Wrong-Password-1");
        await ApiClient.ProblemAsync(locked, HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter.ShouldNotBeNull();

        // Locked means locked: the right password does not get in either.
        await ApiClient.ProblemAsync(await LogInAsync(http, user.UserName!, ChatTestHost.Password), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_account_with_two_factor_needs_a_valid_authenticator_code()
    {
        var user = await ApiClient.RegisterAsync(App);
        string key;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ChatUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(stored);
            key = (await users.GetAuthenticatorKeyAsync(stored))!;
            await users.SetTwoFactorEnabledAsync(stored, true);
        }
        using var http = ApiClient.Anonymous(App);

        var withoutCode = await ApiClient.ProblemAsync(await LogInAsync(http, user.UserName!, ChatTestHost.Password), HttpStatusCode.Unauthorized);
        withoutCode.GetProperty("twoFactorRequired").GetBoolean().ShouldBeTrue();
        var correct = Totp(key);
        var wrongCode = correct == "000000" ? "111111" : "000000";
        await ApiClient.ProblemAsync(await LogInAsync(http, user.UserName!, ChatTestHost.Password, wrongCode), HttpStatusCode.Unauthorized);

        var tokens = await ApiClient.ReadAsync<Tokens>(await LogInAsync(http, user.UserName!, ChatTestHost.Password, correct), HttpStatusCode.OK);
        tokens.AccessToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Signing_in_to_the_api_leaves_the_pages_signed_out()
    {
        using var client = await ApiClient.SignUpAsync(App);

        // The bearer token is for the API: a page asked with it still sends the visitor to the login form.
        var page = await client.GetAsync("/");

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    /// <summary>The current RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 key, as an authenticator app shows it.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}

public sealed class SigningInToTheApi_on_Sqlite(SqliteApiApp fixture) : SigningInToTheApi(fixture), IClassFixture<SqliteApiApp>;

public sealed class SigningInToTheApi_on_Postgres(PostgresApiApp fixture) : SigningInToTheApi(fixture), IClassFixture<PostgresApiApp>;
