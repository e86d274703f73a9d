using System.Text.RegularExpressions;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>
/// A person using BlazorChat in their own browser context, driven only through the roles and
/// accessible names of the test contract (PRODUCT.md).
/// </summary>
public sealed partial class ChatMember : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private ChatMember(IBrowserContext context, IPage page, string username)
    {
        _context = context;
        Page = page;
        Username = username;
    }

    public IPage Page { get; }
    public string Username { get; }
    public string Email => $"{Username}@example.test";
    public const string Password = "correct-horse-battery-9";

    /// <summary>Opens a fresh browser context and registers a new account through the form.</summary>
    public static Task<ChatMember> RegisterAsync(IBrowser browser, AppServer server, string prefix) =>
        RegisterAsync(browser, server.BaseUrl, prefix);

    /// <summary>Like <see cref="RegisterAsync(IBrowser, AppServer, string)"/>, in a phone-sized window (360×740).</summary>
    public static Task<ChatMember> RegisterOnPhoneAsync(IBrowser browser, AppServer server, string prefix) =>
        RegisterAsync(browser, server.BaseUrl, prefix, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });

    /// <summary>
    /// Registers through <paramref name="baseUrl"/>, e.g. a <see cref="NetworkLink"/> in front of the server, with
    /// <paramref name="cookies"/> already in the browser (e.g. the node a load balancer keeps it on).
    /// </summary>
    public static Task<ChatMember> RegisterAsync(IBrowser browser, string baseUrl, string prefix, IEnumerable<Cookie> cookies) =>
        RegisterAsync(browser, baseUrl, prefix, options: null, cookies);

    /// <summary>Registers through <paramref name="baseUrl"/> in a browser context made with <paramref name="options"/>.</summary>
    public static async Task<ChatMember> RegisterAsync(IBrowser browser, string baseUrl, string prefix, BrowserNewContextOptions? options = null, IEnumerable<Cookie>? cookies = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseUrl;
        var context = await browser.NewContextAsync(options);
        if (cookies is not null) await context.AddCookiesAsync(cookies);
        var page = await context.NewPageAsync();
        var username = $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";
        var member = new ChatMember(context, page, username);
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(member.Email);
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).ToBeVisibleAsync();
        return member;
    }

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Rooms" });

    public ILocator MessageLog => Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });

    public ILocator Messages => MessageLog.GetByRole(AriaRole.Article);

    public ILocator Composer => Page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Message") });

    /// <summary>Creates a room through the dialog and waits until it is open.</summary>
    public async Task CreateRoomAsync(string name, string topic = "", bool isPrivate = false)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create room" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync(name);
        if (topic.Length > 0) await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Topic", Exact = true }).FillAsync(topic);
        if (isPrivate) await dialog.GetByRole(AriaRole.Switch, new() { Name = "Private" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await ExpectRoomOpenAsync(name);
    }

    /// <summary>Finds a public room in the directory and joins it.</summary>
    public async Task JoinFromDirectoryAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Browse rooms" }).ClickAsync();
        var entry = Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = name });
        await entry.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await ExpectRoomOpenAsync(name);
    }

    public async Task ExpectRoomOpenAsync(string name)
    {
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(Composer).ToBeEditableAsync();
    }

    /// <summary>Types a message, sends it with Enter as people do, and waits until it is stored (no longer "sending").</summary>
    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
        await Assertions.Expect(Composer).ToHaveValueAsync("");
        await Assertions.Expect(MessageLog.Locator("article.pending")).ToHaveCountAsync(0);
    }

    /// <summary>The notice shown while the connection to the server is down.</summary>
    public ILocator ConnectionLostNotice => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Connection lost" });

    /// <summary>Logs out through the account menu and waits for the login form.</summary>
    public async Task LogOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Log in" }).First).ToBeVisibleAsync();
    }

    /// <summary>Logs in through the form with an email address or a username.</summary>
    public async Task LogInAsync(string emailOrUsername)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email or username", new() { Exact = true }).FillAsync(emailOrUsername);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).ToBeVisibleAsync();
    }

    /// <summary>The value of the browser's cookie <paramref name="name"/>, or null.</summary>
    public async Task<string?> CookieAsync(string name) =>
        (await _context.CookiesAsync()).FirstOrDefault(c => c.Name == name)?.Value;

    /// <summary>The article of the message whose text contains <paramref name="text"/>.</summary>
    public ILocator Message(string text) => Messages.Filter(new() { HasText = text });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
