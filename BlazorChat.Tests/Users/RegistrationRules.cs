using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Users;

/// <summary>Registration refuses bad or taken usernames and taken emails, with errors keyed by form field, and stores nothing then.</summary>
public sealed class RegistrationRules(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private Task<RegistrationResult> RegisterAsync(string email, string username, string password = ChatTestHost.Password) =>
        Host.WithAccountsAsync(accounts => accounts.RegisterAsync(email, username, password));

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    [InlineData("at@sign")]
    [InlineData("")]
    public async Task A_username_against_the_rules_is_refused_on_the_username_field(string username)
    {
        var email = $"{Unique("rules")}@example.test";

        var result = await RegisterAsync(email, username);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe(["Username"]);
        result.Errors["Username"].ShouldNotBeEmpty();
        await ShouldNotBeStoredAsync(email);
    }

    [Fact]
    public async Task A_username_taken_in_another_case_is_refused_on_the_username_field()
    {
        var username = Unique("Taken_");
        (await RegisterAsync($"{Unique("a")}@example.test", username)).Succeeded.ShouldBeTrue();
        var secondEmail = $"{Unique("b")}@example.test";

        var result = await RegisterAsync(secondEmail, username.ToUpperInvariant());

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe(["Username"]);
        result.Errors["Username"].ShouldBe(["This username is taken."]);
        await ShouldNotBeStoredAsync(secondEmail);
    }

    [Fact]
    public async Task A_taken_email_is_refused_on_the_email_field()
    {
        var email = $"{Unique("dup")}@example.test";
        (await RegisterAsync(email, Unique("first_"))).Succeeded.ShouldBeTrue();
        var secondName = Unique("second_");

        var result = await RegisterAsync(email.ToUpperInvariant(), secondName);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe(["Email"]);
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Users.AnyAsync(u => u.NormalizedUserName == secondName.ToUpperInvariant())).ShouldBeFalse();
    }

    [Fact]
    public async Task A_password_Identity_refuses_is_reported_on_the_password_field()
    {
        var email = $"{Unique("weak")}@example.test";

        var result = await RegisterAsync(email, Unique("weak_"), password: "short");

        result.Succeeded.ShouldBeFalse();
        result.Errors.Keys.ShouldBe(["Password"]);
        await ShouldNotBeStoredAsync(email);
    }

    [Fact]
    public async Task A_valid_registration_keeps_the_username_as_typed_and_uses_it_as_display_name()
    {
        var username = Unique("Mixed.Case-");

        var result = await RegisterAsync($"  {username}@example.test ", $" {username} ");

        result.Succeeded.ShouldBeTrue();
        result.User!.UserName.ShouldBe(username);
        result.User.DisplayName.ShouldBe(username);
        result.User.Email.ShouldBe($"{username}@example.test");
    }

    private async Task ShouldNotBeStoredAsync(string email)
    {
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant())).ShouldBeFalse();
    }
}
