using System.Net;
using AngleSharp.Dom;
using BlazorChat.Core.Data;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Components.Account;

/// <summary>Registering through the real form: labelled fields, a signed-in person on success, errors beside the field otherwise.</summary>
public abstract class Registration(WebAppFixture fixture)
{
    private ChatWebApplication App => fixture.App;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    private static Dictionary<string, string> Form(string email, string username, string password = ChatTestHost.Password, string? confirm = null) => new()
    {
        ["Input.Email"] = email,
        ["Input.Username"] = username,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    /// <summary>The block of the form that holds the input <paramref name="inputName"/>, its label and its error.</summary>
    private static IElement FieldOf(WebPage page, string inputName) =>
        page.Document.QuerySelector($"[name='{inputName}']").ShouldNotBeNull($"input {inputName}").ParentElement!;

    private async Task<int> CountUsersAsync(string normalizedUserNameOrEmail)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync(u => u.NormalizedUserName == normalizedUserNameOrEmail || u.NormalizedEmail == normalizedUserNameOrEmail);
    }

    [Fact]
    public async Task The_register_page_has_a_labelled_field_for_each_input()
    {
        using var session = App.CreateSession();

        var page = await session.GetAsync("/Account/Register");

        page.Status.ShouldBe(HttpStatusCode.OK);
        var labels = page.Document.QuerySelectorAll("form label").ToDictionary(l => l.NormalizedText(), l => l.GetAttribute("for"));
        foreach (var (label, input) in new[] { ("Email", "Input.Email"), ("Username", "Input.Username"), ("Password", "Input.Password"), ("Confirm password", "Input.ConfirmPassword") })
        {
            labels.ShouldContainKey(label);
            var field = page.Document.GetElementById(labels[label]!).ShouldNotBeNull($"the input labelled {label}");
            field.GetAttribute("name").ShouldBe(input);
        }
    }

    [Fact]
    public async Task Registering_through_the_form_signs_the_person_in()
    {
        using var session = App.CreateSession();
        var username = Unique("newbie_");

        var form = await session.GetAsync("/Account/Register");
        var submitted = await session.SubmitAsync(form, "register", Form($"{username}@example.test", username));

        submitted.Status.ShouldBe(HttpStatusCode.Redirect, submitted.Document.Body?.NormalizedText());
        WebSession.CookiesSetBy(submitted.Response).ShouldContainKey(WebSession.AuthCookie);
        var home = await session.GetAsync("/");
        home.Status.ShouldBe(HttpStatusCode.OK);
        home.Document.QuerySelector(".account-name").ShouldNotBeNull().TextContent.ShouldBe(username);
        (await CountUsersAsync(username.ToUpperInvariant())).ShouldBe(1);
    }

    [Fact]
    public async Task Mismatched_passwords_are_refused_beside_the_confirmation_and_nothing_is_stored()
    {
        using var session = App.CreateSession();
        var username = Unique("mismatch_");
        var email = $"{username}@example.test";

        var form = await session.GetAsync("/Account/Register");
        var submitted = await session.SubmitAsync(form, "register", Form(email, username, confirm: "Something-Else-99"));

        submitted.Status.ShouldBe(HttpStatusCode.OK);
        FieldOf(submitted, "Input.ConfirmPassword").NormalizedText().ShouldContain("The passwords do not match.");
        // What was typed is still there (passwords excepted, as browsers expect).
        submitted.Document.QuerySelector("[name='Input.Email']").ShouldNotBeNull().GetAttribute("value").ShouldBe(email);
        WebSession.CookiesSetBy(submitted.Response).ShouldNotContainKey(WebSession.AuthCookie);
        (await CountUsersAsync(username.ToUpperInvariant())).ShouldBe(0);
    }

    [Fact]
    public async Task A_taken_username_is_refused_beside_the_username_field_and_nothing_is_stored()
    {
        var username = Unique("taken_");
        using (var first = App.CreateSession())
        {
            var registered = await first.SubmitAsync(await first.GetAsync("/Account/Register"), "register", Form($"{username}@example.test", username));
            registered.Status.ShouldBe(HttpStatusCode.Redirect);
        }
        using var second = App.CreateSession();
        var otherEmail = $"{Unique("other_")}@example.test";

        var submitted = await second.SubmitAsync(await second.GetAsync("/Account/Register"), "register", Form(otherEmail, username.ToUpperInvariant()));

        submitted.Status.ShouldBe(HttpStatusCode.OK);
        FieldOf(submitted, "Input.Username").NormalizedText().ShouldContain("This username is taken.");
        FieldOf(submitted, "Input.Email").QuerySelector("[role=alert]")?.TextContent.ShouldBeNullOrWhiteSpace();
        WebSession.CookiesSetBy(submitted.Response).ShouldNotContainKey(WebSession.AuthCookie);
        (await CountUsersAsync(username.ToUpperInvariant())).ShouldBe(1);
        (await CountUsersAsync(otherEmail.ToUpperInvariant())).ShouldBe(0);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var session = App.CreateSession();
        var username = Unique("forged_");

        var response = await session.Client.PostAsync("/Account/Register", new FormUrlEncodedContent(
            new Dictionary<string, string>(Form($"{username}@example.test", username)) { ["_handler"] = "register" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountUsersAsync(username.ToUpperInvariant())).ShouldBe(0);
    }
}

public sealed class Registration_on_Sqlite(SqliteWebApp fixture) : Registration(fixture), IClassFixture<SqliteWebApp>;

public sealed class Registration_on_Postgres(PostgresWebApp fixture) : Registration(fixture), IClassFixture<PostgresWebApp>;
