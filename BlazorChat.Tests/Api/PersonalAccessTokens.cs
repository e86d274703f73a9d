using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Data;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Api;

/// <summary>Personal access tokens: shown once, stored hashed, usable as bearer tokens, revocable.</summary>
public abstract class PersonalAccessTokens(ApiAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    [Fact]
    public async Task A_created_token_is_shown_once_stored_hashed_and_opens_the_api_until_revoked()
    {
        using var owner = await ApiClient.SignUpAsync(App, "tokens");
        var created = await ApiClient.ReadAsync<JsonElement>(await owner.PostAsync("/api/v1/tokens", new { name = "deploy bot", lifetimeDays = 30 }), HttpStatusCode.Created);
        var secret = created.GetProperty("secret").GetString()!;
        var tokenId = created.GetProperty("token").GetProperty("id").GetGuid();
        secret.ShouldStartWith(PersonalAccessTokenService.SecretPrefix);

        var listed = await owner.GetOkAsync<List<JsonElement>>("/api/v1/tokens");
        listed.ShouldHaveSingleItem().GetProperty("name").GetString().ShouldBe("deploy bot");
        listed[0].ToString().ShouldNotContain(secret);
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.PersonalAccessTokens.SingleAsync(t => t.Id == tokenId);
            stored.TokenHash.ShouldNotBe(secret);
            stored.TokenHash.Length.ShouldBe(64);
        }

        using var bot = ApiClient.Anonymous(App);
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await bot.GetAsync("/api/v1/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A token cannot mint more tokens; only a sign-in can.
        await ApiClient.ProblemAsync(await bot.GetAsync("/api/v1/tokens"), HttpStatusCode.Forbidden);

        (await owner.DeleteAsync($"/api/v1/tokens/{tokenId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ApiClient.ProblemAsync(await bot.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
        await ApiClient.ProblemAsync(await owner.DeleteAsync($"/api/v1/tokens/{tokenId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_needs_a_name_and_someone_elses_token_cannot_be_revoked()
    {
        using var alice = await ApiClient.SignUpAsync(App, "alice");
        using var mallory = await ApiClient.SignUpAsync(App, "mallory");

        var problem = await ApiClient.ProblemAsync(await alice.PostAsync("/api/v1/tokens", new { name = "" }), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        var created = await ApiClient.ReadAsync<JsonElement>(await alice.PostAsync("/api/v1/tokens", new { name = "script" }), HttpStatusCode.Created);

        await ApiClient.ProblemAsync(await mallory.DeleteAsync($"/api/v1/tokens/{created.GetProperty("token").GetProperty("id").GetGuid()}"), HttpStatusCode.NotFound);
        (await alice.GetOkAsync<List<JsonElement>>("/api/v1/tokens")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_banned_accounts_sign_in_and_tokens_stop_working_at_once()
    {
        using var owner = await ApiClient.SignUpAsync(App, "banned");
        var created = await ApiClient.ReadAsync<JsonElement>(await owner.PostAsync("/api/v1/tokens", new { name = "cron" }), HttpStatusCode.Created);
        using var bot = ApiClient.Anonymous(App);
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("secret").GetString());
        var me = await owner.GetOkAsync<JsonElement>("/api/v1/users/me");
        (await bot.GetAsync("/api/v1/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            var id = me.GetProperty("id").GetGuid();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.BannedAt, DateTimeOffset.UtcNow));
        }

        await ApiClient.ProblemAsync(await owner.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
        await ApiClient.ProblemAsync(await bot.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
    }
}

public sealed class PersonalAccessTokens_on_Sqlite(SqliteApiApp fixture) : PersonalAccessTokens(fixture), IClassFixture<SqliteApiApp>;

public sealed class PersonalAccessTokens_on_Postgres(PostgresApiApp fixture) : PersonalAccessTokens(fixture), IClassFixture<PostgresApiApp>;
