using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Account;

[Collection(ChatCollection.Name)]
public sealed class SigningInAndOut(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task A_member_logs_out_from_the_account_menu_and_back_in_with_username_or_email()
    {
        await using var carol = await ChatMember.RegisterAsync(browser.Browser, server.Server, "carol");

        await carol.LogOutAsync();
        await carol.Page.GotoAsync("/");
        await Expect(carol.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        await carol.LogInAsync(carol.Username.ToUpperInvariant());
        await carol.LogOutAsync();
        await carol.LogInAsync(carol.Email);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_session()
    {
        await using var dave = await ChatMember.RegisterAsync(browser.Browser, server.Server, "dave");
        await dave.LogOutAsync();

        await dave.Page.GotoAsync("/Account/Login");
        await dave.Page.GetByLabel("Email or username", new() { Exact = true }).FillAsync(dave.Username);
        await dave.Page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await dave.Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Expect(dave.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "do not match" })).ToBeVisibleAsync();
        await Expect(dave.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Registration_refuses_a_taken_username_next_to_the_field()
    {
        await using var erin = await ChatMember.RegisterAsync(browser.Browser, server.Server, "erin");
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"other-{erin.Email}");
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(erin.Username.ToUpperInvariant());
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ChatMember.Password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(ChatMember.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "This username is taken." })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync($"other-{erin.Email}");
        await context.DisposeAsync();
    }
}
