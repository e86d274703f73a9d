namespace BlazorChat.E2E.Infrastructure;

/// <summary>Settings, profile cards and sign-ins on other devices.</summary>
public sealed partial class ChatMember
{
    /// <summary>Opens the settings page from the account menu.</summary>
    public async Task OpenSettingsAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        var item = Page.GetByRole(AriaRole.Menuitem, new() { Name = "Settings" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Settings" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Save profile" })).ToBeEnabledAsync();
    }

    /// <summary>The same person signing in from another browser (a new context with its own cookies).</summary>
    public async Task<ChatMember> SignInElsewhereAsync(IBrowser browser, string baseUrl, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseUrl;
        var context = await browser.NewContextAsync(options);
        var other = new ChatMember(context, await context.NewPageAsync(), Username);
        await other.LogInAsync(Username);
        return other;
    }
}
