using BlazorChat.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Settings;

/// <summary>The settings page and other people's profile cards, as people use them.</summary>
[Collection(ChatCollection.Name)]
public sealed class SettingsAndProfiles(BrowserFixture browser, ServerFixture server, ITestOutputHelper output)
{
    private const string LightBackground = "rgb(255, 255, 255)";
    private const string DarkSurface = "rgb(34, 37, 41)"; // ChatTheme's dark Surface, #222529

    private async Task RunAsync(Func<Task> test)
    {
        try { await test(); }
        catch (Exception) when (ServerErrors.Report(server.Server, output)) { throw; }
    }

    [Fact]
    public Task A_theme_applies_at_once_and_stays_after_a_reload_and_a_log_out() => RunAsync(async () =>
    {
        await using var ada = await ChatMember.RegisterAsync(browser.Browser, server.Server, "ada");
        await ada.OpenSettingsAsync();
        var theme = ada.Page.GetByRole(AriaRole.Radiogroup, new() { Name = "Theme" });
        await Expect(ada.Page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);

        await theme.GetByRole(AriaRole.Radio, new() { Name = "Dark" }).CheckAsync();

        // No reload: the page turns dark in place.
        await Expect(ada.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        // MudBlazor's palette variables, which every surface is drawn with, are the dark ones.
        await Expect(ada.Page.Locator("body")).ToHaveCSSAsync("background-color", DarkSurface);
        await Expect(ada.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Theme: dark" })).ToBeVisibleAsync();

        // Remembered: the server paints the next page dark before any script runs.
        await ada.Page.ReloadAsync();
        await Expect(ada.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(theme.GetByRole(AriaRole.Radio, new() { Name = "Dark" })).ToBeCheckedAsync();
        await Expect(ada.Page.Locator("body")).ToHaveCSSAsync("background-color", DarkSurface);

        // Kept by the account (another browser signs in dark) and by this browser after logging out.
        await using var elsewhere = await ada.SignInElsewhereAsync(browser.Browser, server.Server.BaseUrl);
        await Expect(elsewhere.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await ada.LogOutAsync();
        await Expect(ada.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");

        await ada.LogInAsync(ada.Username);
        await ada.OpenSettingsAsync();
        await theme.GetByRole(AriaRole.Radio, new() { Name = "Light" }).CheckAsync();
        await Expect(ada.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        await Expect(ada.Page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
        // The other browser follows the change live.
        await Expect(elsewhere.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
    });

    [Fact]
    public Task Profile_fields_are_saved_and_bad_input_is_refused_next_to_its_field() => RunAsync(async () =>
    {
        await using var ada = await ChatMember.RegisterAsync(browser.Browser, server.Server, "ada");
        await ada.OpenSettingsAsync();
        var page = ada.Page;
        var displayName = page.GetByRole(AriaRole.Textbox, new() { Name = "Display name" });
        var bio = page.GetByRole(AriaRole.Textbox, new() { Name = "Bio" });
        var timeZone = page.GetByRole(AriaRole.Combobox, new() { Name = "Time zone" });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save profile" });

        await displayName.FillAsync("   ");
        await save.ClickAsync();
        await Expect(displayName).ToHaveAccessibleDescriptionAsync("Enter a display name.");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Enter a display name." })).ToBeVisibleAsync();

        await displayName.FillAsync("Ada Lovelace");
        await bio.FillAsync(new string('x', 301));
        await save.ClickAsync();
        await Expect(bio).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("A bio has at most 300 characters"));
        await Expect(displayName).ToHaveAccessibleDescriptionAsync("");

        await bio.FillAsync("Writes programs for engines that do not exist yet.");
        await timeZone.FillAsync("Mars/Olympus_Mons");
        await save.ClickAsync();
        await Expect(timeZone).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("is not a time zone"));

        await timeZone.FillAsync("Asia/Tokyo");
        await save.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Profile saved." })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(displayName).ToHaveValueAsync("Ada Lovelace");
        await Expect(bio).ToHaveValueAsync("Writes programs for engines that do not exist yet.");
        await Expect(timeZone).ToHaveValueAsync("Asia/Tokyo");
    });

    [Fact]
    public Task A_name_in_a_message_opens_a_profile_card_whose_Message_button_opens_the_direct_conversation() => RunAsync(async () =>
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Cards");
        await using var _ = alice;
        await using var __ = bob;
        await bob.OpenSettingsAsync();
        await bob.Page.GetByRole(AriaRole.Textbox, new() { Name = "Bio" }).FillAsync("Bakes bread on Fridays.");
        await bob.Page.GetByRole(AriaRole.Combobox, new() { Name = "Time zone" }).FillAsync("America/New_York");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Profile saved." })).ToBeVisibleAsync();
        await bob.Page.GoBackAsync();
        await Expect(bob.RoomComposer).ToBeEditableAsync();
        await bob.SendAsync("Fresh loaves in the kitchen");

        await alice.Message("Fresh loaves in the kitchen").GetByRole(AriaRole.Button, new() { Name = bob.Username, Exact = true }).ClickAsync();

        var card = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = bob.Username });
        await Expect(card).ToContainTextAsync($"@{bob.Username}");
        await Expect(card).ToContainTextAsync("Bakes bread on Fridays.");
        await Expect(card).ToContainTextAsync("Local time");
        await Expect(card).ToContainTextAsync("America/New_York");
        await Expect(card).ToContainTextAsync("Online");

        await card.GetByRole(AriaRole.Button, new() { Name = "Message" }).ClickAsync();

        await alice.ExpectRoomOpenAsync(bob.Username);
        await Expect(card).ToHaveCountAsync(0);
        await Expect(alice.Navigation.GetByRole(AriaRole.Region, new() { Name = "Direct messages" }).GetByRole(AriaRole.Link, new() { Name = bob.Username }))
            .ToBeVisibleAsync();
    });

    [Fact]
    public Task Signing_out_everywhere_else_ends_the_other_browser_at_once_and_keeps_this_one() => RunAsync(async () =>
    {
        await using var ada = await ChatMember.RegisterAsync(browser.Browser, server.Server, "ada");
        await using var laptop = await ada.SignInElsewhereAsync(browser.Browser, server.Server.BaseUrl);
        await ada.OpenSettingsAsync();
        var sessions = ada.Page.GetByRole(AriaRole.List, new() { Name = "Active sessions" }).GetByRole(AriaRole.Listitem);
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.First).ToContainTextAsync("this browser");

        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();

        await Expect(ada.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signed out of 1 other session." })).ToBeVisibleAsync();
        await Expect(sessions).ToHaveCountAsync(1);
        // The other browser's open tab leaves at once and its cookie no longer signs in.
        await Expect(laptop.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Signed out" })).ToBeVisibleAsync();
        await Expect(laptop.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ended from another device");
        await laptop.Page.GotoAsync("/settings");
        await Expect(laptop.Page.GetByLabel("Email or username", new() { Exact = true })).ToBeVisibleAsync();
        // This one is still signed in.
        await ada.Page.ReloadAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Settings" })).ToBeVisibleAsync();
    });
}
