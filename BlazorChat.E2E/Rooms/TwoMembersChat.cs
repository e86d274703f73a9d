using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Rooms;

[Collection(ChatCollection.Name)]
public sealed class TwoMembersChat(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task Members_in_two_browsers_see_each_others_messages_live_and_in_order_after_a_reload()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var bob = await ChatMember.RegisterAsync(browser.Browser, server.Server, "bob");
        var room = $"Launch {Guid.NewGuid().ToString("N")[..6]}";

        await alice.CreateRoomAsync(room, topic: "Shipping the first release");
        await Expect(alice.Navigation.GetByRole(AriaRole.Link, new() { Name = room })).ToBeVisibleAsync();

        await bob.JoinFromDirectoryAsync(room);
        await Expect(bob.Navigation.GetByRole(AriaRole.Link, new() { Name = room })).ToBeVisibleAsync();

        await alice.SendAsync("Hello **Bob**, welcome aboard");
        await Expect(bob.Message("welcome aboard")).ToBeVisibleAsync();
        await Expect(bob.Message("welcome aboard").Locator("strong")).ToHaveTextAsync("Bob");
        await Expect(bob.Message("welcome aboard")).ToContainTextAsync(alice.Username);

        await bob.SendAsync("Thanks Alice!");
        await Expect(alice.Message("Thanks Alice!")).ToBeVisibleAsync();

        await alice.SendAsync("Third message");
        await Expect(bob.Message("Third message")).ToBeVisibleAsync();

        await bob.Page.ReloadAsync();
        await Expect(bob.Messages).ToHaveCountAsync(3);
        await Expect(bob.Messages.Nth(0)).ToContainTextAsync("welcome aboard");
        await Expect(bob.Messages.Nth(1)).ToContainTextAsync("Thanks Alice!");
        await Expect(bob.Messages.Nth(2)).ToContainTextAsync("Third message");
        await Expect(bob.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("BlazorChat$"));
    }

    [Fact]
    public async Task Raw_html_in_a_message_is_shown_as_text_and_runs_nothing()
    {
        await using var mallory = await ChatMember.RegisterAsync(browser.Browser, server.Server, "mallory");
        await using var victim = await ChatMember.RegisterAsync(browser.Browser, server.Server, "victim");
        var room = $"Sandbox {Guid.NewGuid().ToString("N")[..6]}";
        await mallory.CreateRoomAsync(room);
        await victim.JoinFromDirectoryAsync(room);

        var dialogs = 0;
        victim.Page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await mallory.SendAsync("<img src=x onerror=alert(1)> [click](javascript:alert(2))");

        var message = victim.Message("onerror");
        await Expect(message).ToContainTextAsync("<img src=x onerror=alert(1)>");
        // The one picture is the author's own (the header's avatar), none from the text.
        await Expect(message.Locator("img")).ToHaveCountAsync(1);
        await Expect(message.Locator("img.message-avatar")).ToHaveCountAsync(1);
        await Expect(message.Locator(".message-body img")).ToHaveCountAsync(0);
        await Expect(message.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }
}
