using System.Net;
using System.Net.Http.Headers;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Components.Account;

/// <summary>Personal access tokens made and revoked on the account settings page, and used against the API.</summary>
public sealed class AccessTokenSettings(SqliteApiApp fixture) : IClassFixture<SqliteApiApp>
{
    private ChatWebApplication App => fixture.App;

    [Fact]
    public async Task A_token_created_in_the_settings_is_shown_once_works_for_the_api_and_stops_when_revoked()
    {
        var user = await ApiClient.RegisterAsync(App, "settings");
        using var session = App.CreateSession();
        var login = await session.GetAsync("/Account/Login");
        await session.SubmitAsync(login, "login", new Dictionary<string, string> { ["Input.Login"] = user.UserName!, ["Input.Password"] = ChatTestHost.Password });

        var page = await session.GetAsync("/Account/Manage/AccessTokens");
        page.Status.ShouldBe(HttpStatusCode.OK);
        var created = await session.SubmitAsync(page, "create-token", new Dictionary<string, string> { ["Input.Name"] = "nightly report" });
        var secret = created.Document.QuerySelector(".token-secret").ShouldNotBeNull().TextContent;
        // The layout may hold live regions of its own; the token's message is one of the statuses.
        created.Document.QuerySelectorAll("[role=status]").Select(e => e.TextContent).ShouldContain(text => text.Contains("not shown again"));

        using var bot = ApiClient.Anonymous(App);
        bot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await bot.GetAsync("/api/v1/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var listed = await session.GetAsync("/Account/Manage/AccessTokens");
        listed.Document.QuerySelector(".token-secret").ShouldBeNull();
        listed.Document.Body!.TextContent.ShouldNotContain(secret);
        var tokenId = listed.Document.QuerySelector("input[name=tokenId]").ShouldNotBeNull().GetAttribute("value");
        var revoked = await session.SubmitAsync(listed, $"revoke-{tokenId}", new Dictionary<string, string>());
        revoked.Status.ShouldBe(HttpStatusCode.Redirect);

        await ApiClient.ProblemAsync(await bot.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
        (await session.GetAsync("/Account/Manage/AccessTokens")).Document.Body!.TextContent.ShouldContain("You have no tokens.");
    }

    [Fact]
    public async Task A_token_without_a_name_is_refused_next_to_the_field()
    {
        var user = await ApiClient.RegisterAsync(App, "settings");
        using var session = App.CreateSession();
        var login = await session.GetAsync("/Account/Login");
        await session.SubmitAsync(login, "login", new Dictionary<string, string> { ["Input.Login"] = user.UserName!, ["Input.Password"] = ChatTestHost.Password });

        var page = await session.SubmitAsync(await session.GetAsync("/Account/Manage/AccessTokens"), "create-token", new Dictionary<string, string> { ["Input.Name"] = "" });

        page.Document.QuerySelector("[role=alert]").ShouldNotBeNull().TextContent.ShouldContain("Give the token a name");
        page.Document.QuerySelector(".token-secret").ShouldBeNull();
    }
}
