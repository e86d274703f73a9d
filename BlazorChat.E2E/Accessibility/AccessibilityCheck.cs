using System.Text.Json;
using BlazorChat.E2E.Administration;
using BlazorChat.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Accessibility;

/// <summary>
/// axe-core (from tools/node) run over the main pages in the light and the dark theme: no serious
/// or critical violations. The counts of every impact per page are written to the test output.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class AccessibilityCheck(BrowserFixture browser, AdministeredServer site, ITestOutputHelper output) : IClassFixture<AdministeredServer>
{
    private static readonly string[] Impacts = ["minor", "moderate", "serious", "critical"];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_main_pages_have_no_serious_or_critical_violations(string theme)
    {
        try { await CheckPagesAsync(theme); }
        catch (Exception) when (ServerErrors.Report(site.Server, output)) { throw; }
    }

    private async Task CheckPagesAsync(string theme)
    {
        var failures = new List<string>();
        // The page's CSP allows no inline script; axe is injected as one, so this context bypasses it.
        var options = new BrowserNewContextOptions { BypassCSP = true };

        // Signed out: the theme comes from the cookie the theme switch leaves.
        await using (var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Server.BaseUrl, BypassCSP = true }))
        {
            await context.AddCookiesAsync([new Cookie { Name = "blazorchat-theme", Value = theme, Url = site.Server.BaseUrl }]);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
            await CheckAsync(page, $"login ({theme})", failures);
            await page.GotoAsync("/Account/Register");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Register" })).ToBeVisibleAsync();
            await CheckAsync(page, $"register ({theme})", failures);
        }

        var admin = await site.AdminAsync(browser.Browser);
        await using var member = await ChatMember.RegisterAsync(browser.Browser, site.Server.BaseUrl, "axe", options);
        await SetThemeAsync(member, theme);
        var room = $"Axe {theme} {Guid.NewGuid().ToString("N")[..6]}";
        await member.CreateRoomAsync(room, "Checking every page");
        await member.SendAsync("A message with **bold**, `code` and a link: https://example.com");
        await member.ReplyInThreadAsync("A message with", "A reply in the thread");
        await CheckAsync(member.Page, $"room with thread ({theme})", failures);

        await member.Page.GotoAsync("/search?q=message");
        await Expect(member.Page.GetByRole(AriaRole.List, new() { Name = "Search results" })).ToBeVisibleAsync();
        await CheckAsync(member.Page, $"search ({theme})", failures);

        await member.OpenSettingsAsync();
        await CheckAsync(member.Page, $"settings ({theme})", failures);

        await using var adminView = await admin.SignInElsewhereAsync(browser.Browser, site.Server.BaseUrl, options);
        await SetThemeAsync(adminView, theme);
        await adminView.Page.GotoAsync("/admin");
        await Expect(adminView.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        // The figures arrive once the circuit is up: check the page as it then stays.
        await Expect(adminView.Page.GetByText("Healthy", new() { Exact = true })).ToBeVisibleAsync();
        await CheckAsync(adminView.Page, $"admin dashboard ({theme})", failures);
        await adminView.Page.GotoAsync("/admin/users");
        await Expect(adminView.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(adminView.Page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Manage ") }).First).ToBeVisibleAsync();
        await CheckAsync(adminView.Page, $"admin users ({theme})", failures);

        Assert.True(failures.Count == 0, "Serious or critical accessibility violations:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    private static async Task SetThemeAsync(ChatMember member, string theme)
    {
        await member.OpenSettingsAsync();
        var name = theme == "dark" ? "Dark" : "Light";
        await member.Page.GetByRole(AriaRole.Radiogroup, new() { Name = "Theme" }).GetByRole(AriaRole.Radio, new() { Name = name }).CheckAsync();
        await Expect(member.Page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        await member.Page.GotoAsync("/");
    }

    private async Task CheckAsync(IPage page, string name, List<string> failures)
    {
        // Every page's title ends in the product's name; wait for it rather than catch the head mid-render.
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("BlazorChat$"));
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact || "minor", help: v.help,
                nodes: v.nodes.length, targets: v.nodes.slice(0, 8).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 200))
              }));
            }
            """);
        var list = violations.EnumerateArray().ToList();
        var counts = Impacts.Select(impact => $"{impact} {list.Where(v => v.GetProperty("impact").GetString() == impact).Sum(v => v.GetProperty("nodes").GetInt32())}");
        output.WriteLine($"axe {name}: {string.Join(", ", counts)} (nodes)");
        foreach (var v in list)
        {
            var line = $"  {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ×{v.GetProperty("nodes").GetInt32()}: {v.GetProperty("help").GetString()}"
                       + Environment.NewLine + "    " + string.Join(Environment.NewLine + "    ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
            output.WriteLine(line);
            if (v.GetProperty("impact").GetString() is "serious" or "critical") failures.Add($"{name}: {line}");
        }
    }

    private static string AxeScript
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "BlazorChat.sln")))
                {
                    var path = Path.Combine(dir.FullName, "tools", "node", "node_modules", "axe-core", "axe.min.js");
                    return File.Exists(path) ? path : throw new FileNotFoundException("axe-core is not installed in tools/node: run ./test.sh (npm ci in tools/node).", path);
                }
            throw new DirectoryNotFoundException("BlazorChat.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
