using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Users;

/// <summary>Sign-in accepts an email address or a username, without regard to case.</summary>
public sealed class AccountLookup(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task An_account_is_found_by_username_or_by_email_in_any_case()
    {
        var user = await Host.CreateUserAsync("lookup");

        foreach (var login in new[] { user.UserName!, user.UserName!.ToUpperInvariant(), user.Email!, user.Email!.ToUpperInvariant(), $"  {user.Email} " })
        {
            var found = await Host.WithAccountsAsync(accounts => accounts.FindByEmailOrUsernameAsync(login));
            found.ShouldNotBeNull($"looking up '{login}'").Id.ShouldBe(user.Id);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("nobody_by_that_name")]
    [InlineData("nobody@example.test")]
    public async Task An_unknown_or_empty_login_finds_nothing(string login)
    {
        await Host.CreateUserAsync("lookup");

        (await Host.WithAccountsAsync(accounts => accounts.FindByEmailOrUsernameAsync(login))).ShouldBeNull();
    }
}
