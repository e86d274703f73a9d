using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Administration;

/// <summary>
/// A server of its own whose first account, registered before anyone else's, is its Administrator
/// (the first account of an installation is).
/// </summary>
public sealed class AdministeredServer : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ChatMember? _admin;

    public AppServer Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    /// <summary>The administrator, registered on first use.</summary>
    public async Task<ChatMember> AdminAsync(IBrowser browser)
    {
        await _gate.WaitAsync();
        try { return _admin ??= await ChatMember.RegisterAsync(browser, Server, "admin"); }
        finally { _gate.Release(); }
    }

    public async Task DisposeAsync()
    {
        if (_admin is not null) await _admin.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>Administration and moderation as people use them: access, a ban that signs out open tabs, and a report that is resolved.</summary>
[Collection(ChatCollection.Name)]
public sealed class AdministrationFlows(BrowserFixture browser, AdministeredServer site) : IClassFixture<AdministeredServer>
{
    [Fact]
    public async Task A_member_cannot_open_the_administration_pages()
    {
        await site.AdminAsync(browser.Browser);
        await using var member = await ChatMember.RegisterAsync(browser.Browser, site.Server, "member");

        var response = await member.Page.GotoAsync("/admin");

        Assert.Equal(403, response?.Status);
        await Expect(member.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(member.Page.GetByText("Users", new() { Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(403, (await member.Page.GotoAsync("/admin/audit.csv"))?.Status);
    }

    [Fact]
    public async Task An_admin_bans_a_member_whose_open_tab_is_signed_out_at_once()
    {
        var admin = await site.AdminAsync(browser.Browser);
        await using var member = await ChatMember.RegisterAsync(browser.Browser, site.Server, "spammer");
        await member.CreateRoomAsync($"Spam {Guid.NewGuid().ToString("N")[..6]}");

        await admin.Page.GotoAsync("/admin/users");
        await admin.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search users" }).FillAsync(member.Username);
        // The grid reloads for the search; a click on a row of the page it replaces would be lost.
        await Expect(admin.Page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Manage ") })).ToHaveCountAsync(1);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Manage {member.Username}" }).ClickAsync();
        var dialog = admin.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Ban reason").FillAsync("Advertising");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ban", Exact = true }).ClickAsync();

        await Expect(member.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Signed out" })).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Expect(member.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "banned" })).ToBeVisibleAsync();
        await member.Page.GotoAsync("/");
        await Expect(member.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).ToHaveCountAsync(0);

        await member.Page.GotoAsync("/Account/Login");
        await member.Page.GetByLabel("Email or username", new() { Exact = true }).FillAsync(member.Username);
        await member.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ChatMember.Password);
        await member.Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(member.Page.GetByText("This account is banned")).ToBeVisibleAsync();
        await Expect(member.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_report_goes_from_a_member_to_the_queue_and_is_resolved()
    {
        var admin = await site.AdminAsync(browser.Browser);
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, site.Server, "Reports");
        await using var _ = alice;
        await using var __ = bob;
        await alice.SendAsync("Buy cheap watches now");
        await Expect(bob.Message("Buy cheap watches now")).ToBeVisibleAsync();

        await bob.ChooseMoreActionAsync("Buy cheap watches now", "Report message");
        var dialog = bob.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say what is wrong");
        await dialog.GetByLabel("Reason").FillAsync("Spam");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Report" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await admin.Page.GotoAsync("/admin/reports");
        var report = admin.Page.GetByRole(AriaRole.Article, new() { Name = $"Report by {bob.Username}" });
        await Expect(report).ToContainTextAsync("Buy cheap watches now");
        await Expect(report).ToContainTextAsync("Spam");
        await report.GetByLabel("Decision reason").FillAsync("No advertising here");
        await report.GetByRole(AriaRole.Button, new() { Name = "Delete message" }).ClickAsync();

        await Expect(report).ToHaveCountAsync(0);
        await Expect(bob.Page.GetByText("Buy cheap watches now")).ToHaveCountAsync(0);
        await Expect(alice.Page.GetByText("Buy cheap watches now")).ToHaveCountAsync(0);
    }
}
