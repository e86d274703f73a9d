using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Awareness;

/// <summary>Mentions and direct messages notify a member whose tab is out of view, unless they asked not to be disturbed.</summary>
[Collection(ChatCollection.Name)]
public sealed class BrowserNotifications(BrowserFixture browser, ServerFixture server)
{
    // Records what the page would show as system notifications; permission is granted.
    private const string RecordingNotification = """
        window.__notifications = [];
        window.Notification = class {
          static permission = "granted";
          static requestPermission() { return Promise.resolve("granted"); }
          constructor(title, options) { window.__notifications.push(title + " | " + (options?.body ?? "")); }
          close() {}
        };
        """;

    private static async Task<string[]> NotificationsOf(ChatMember member) =>
        await member.Page.EvaluateAsync<string[]>("() => window.__notifications");

    private static async Task WaitForCountAsync(Func<Task<string[]>> read, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while ((await read()).Length < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} notification(s) within 10 s.");
            await poll.WaitForNextTickAsync();
        }
    }

    [Fact]
    public async Task A_mention_notifies_a_hidden_tab_and_do_not_disturb_silences_it()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Notify");
        await using var _ = alice;
        await using var __ = bob;
        await bob.Page.Context.AddInitScriptAsync(RecordingNotification);
        await bob.Page.ReloadAsync();
        await Expect(bob.Composer).ToBeEditableAsync();
        await bob.HideTabAsync();

        await alice.SendAsync($"@{bob.Username} can you review this?");
        await WaitForCountAsync(() => NotificationsOf(bob), 1);

        await bob.ShowTabAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Menuitemcheckbox, new() { Name = "Do not disturb" }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Menuitemcheckbox, new() { Name = "Do not disturb" })).ToHaveAttributeAsync("aria-checked", "true");
        await bob.HideTabAsync();

        await alice.SendAsync($"@{bob.Username} one more thing");
        await Expect(bob.Message("one more thing")).ToBeVisibleAsync();
        await alice.SendAsync("a plain message after it");
        await Expect(bob.Message("a plain message after it")).ToBeVisibleAsync();

        var shown = await NotificationsOf(bob);
        Assert.Single(shown);
        Assert.Contains($"{alice.Username} mentioned you", shown[0]);
        Assert.Contains("can you review this?", shown[0]);
    }
}
