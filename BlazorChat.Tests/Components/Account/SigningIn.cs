using System.Net;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components.Account;

/// <summary>Signing in through the real login form with a username or an email address.</summary>
public abstract class SigningIn(WebAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    private async Task<ChatUser> RegisterAsync()
    {
        var username = $"login_{Guid.NewGuid():N}"[..16];
        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .RegisterAsync($"{username}@example.test", username, ChatTestHost.Password);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        return result.User!;
    }

    private static async Task<WebPage> LogInAsync(WebSession session, string login, string password)
    {
        var form = await session.GetAsync("/Account/Login");
        return await session.SubmitAsync(form, "login", new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Password"] = password });
    }

    [Fact]
    public async Task The_login_page_has_a_labelled_field_for_each_input()
    {
        using var session = App.CreateSession();

        var page = await session.GetAsync("/Account/Login");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var labels = page.Document.QuerySelectorAll("form label").ToDictionary(l => l.NormalizedText(), l => l.GetAttribute("for"));
        foreach (var (label, input) in new[] { ("Email or username", "Input.Login"), ("Password", "Input.Password") })
        {
            labels.ShouldContainKey(label);
            page.Document.GetElementById(labels[label]!).ShouldNotBeNull($"the input labelled {label}").GetAttribute("name").ShouldBe(input);
        }
    }

    [Fact]
    public async Task Logging_in_with_the_username_signs_the_person_in()
    {
        var user = await RegisterAsync();
        using var session = App.CreateSession();

        var submitted = await LogInAsync(session, user.UserName!.ToUpperInvariant(), ChatTestHost.Password);

        submitted.Status.ShouldBe(HttpStatusCode.Redirect, submitted.Document.Body?.NormalizedText());
        WebSession.CookiesSetBy(submitted.Response).ShouldContainKey(WebSession.AuthCookie);
        var home = await session.GetAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Document.QuerySelector(".account-name").ShouldNotBeNull().TextContent.ShouldBe(user.UserName);
    }

    [Fact]
    public async Task Logging_in_with_the_email_signs_the_person_in()
    {
        var user = await RegisterAsync();
        using var session = App.CreateSession();

        var submitted = await LogInAsync(session, user.Email!, ChatTestHost.Password);

        submitted.Status.ShouldBe(HttpStatusCode.Redirect, submitted.Document.Body?.NormalizedText());
        WebSession.CookiesSetBy(submitted.Response).ShouldContainKey(WebSession.AuthCookie);
        (await session.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_sign_in()
    {
        var user = await RegisterAsync();
        using var session = App.CreateSession();

        var submitted = await LogInAsync(session, user.UserName!, "Not-The-Password-1");

        submitted.Status.ShouldBe(HttpStatusCode.OK);
        submitted.Document.Body.ShouldNotBeNull().NormalizedText().ShouldContain("do not match an account");
        WebSession.CookiesSetBy(submitted.Response).ShouldNotContainKey(WebSession.AuthCookie);
        (await session.Client.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_unknown_login_gets_the_same_answer_as_a_wrong_password()
    {
        using var session = App.CreateSession();

        var submitted = await LogInAsync(session, "nobody_here", ChatTestHost.Password);

        submitted.Status.ShouldBe(HttpStatusCode.OK);
        submitted.Document.Body.ShouldNotBeNull().NormalizedText().ShouldContain("do not match an account");
    }
}

public sealed class SigningIn_on_Sqlite(SqliteWebApp fixture) : SigningIn(fixture), IClassFixture<SqliteWebApp>;

public sealed class SigningIn_on_Postgres(PostgresWebApp fixture) : SigningIn(fixture), IClassFixture<PostgresWebApp>;
