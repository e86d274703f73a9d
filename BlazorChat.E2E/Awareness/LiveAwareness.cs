using System.Text.RegularExpressions;
using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Awareness;

[Collection(ChatCollection.Name)]
public sealed class LiveAwareness(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task Typing_is_seen_by_the_other_member_and_gone_after_they_stop()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Aware");
        await using var _ = alice;
        await using var __ = bob;

        await alice.Composer.PressSequentiallyAsync("Let me think");
        await Expect(bob.TypingStatus).ToHaveTextAsync($"{alice.Username} is typing…");
        await Expect(alice.TypingStatus).ToHaveCountAsync(0);

        await alice.Composer.FillAsync("");
        await Expect(bob.TypingStatus).ToHaveCountAsync(0);

        await alice.Composer.PressSequentiallyAsync("Typing again");
        await Expect(bob.TypingStatus).ToBeVisibleAsync();
        // Without news the name expires after six seconds.
        await Expect(bob.TypingStatus).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Unread_messages_show_on_a_room_the_reader_is_not_viewing_and_clear_when_they_open_it()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Aware");
        await using var _ = alice;
        await using var __ = bob;
        var room = await bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        await bob.Page.GetByRole(AriaRole.Link, new() { Name = "BlazorChat", Exact = true }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Welcome to BlazorChat" })).ToBeVisibleAsync();

        await alice.SendAsync("One");
        await alice.SendAsync("Two");

        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync($"{room}, 2 unread");
        await bob.RoomLink(room).ClickAsync();
        await Expect(bob.Message("Two")).ToBeVisibleAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Separator, new() { Name = "New messages" })).ToBeVisibleAsync();
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync(room);
        await Expect(bob.Page).ToHaveTitleAsync(new Regex("^#"));
    }

    [Fact]
    public async Task A_hidden_tab_does_not_mark_messages_read_until_it_is_shown_again()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Aware");
        await using var _ = alice;
        await using var __ = bob;
        var room = await bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();

        await bob.HideTabAsync();
        await alice.SendAsync("While you were away");

        await Expect(bob.Message("While you were away")).ToBeVisibleAsync();
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync($"{room}, 1 unread");
        await Expect(bob.Page).ToHaveTitleAsync(new Regex(@"^\(1\) "));

        await bob.ShowTabAsync();
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync(room);
        await Expect(bob.Page).ToHaveTitleAsync(new Regex("^#"));
    }

    [Fact]
    public async Task A_direct_message_says_seen_once_the_other_person_has_read_it()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var bob = await ChatMember.RegisterAsync(browser.Browser, server.Server, "bob");

        await bob.HideTabAsync();
        await alice.OpenDirectMessageAsync(bob);
        await alice.SendAsync("Are you there?");
        await Expect(bob.RoomLink(alice.Username)).ToHaveAccessibleNameAsync($"{alice.Username}, 1 unread");
        await Expect(alice.Page.GetByText("Seen", new() { Exact = true })).ToHaveCountAsync(0);

        await bob.ShowTabAsync();
        await bob.RoomLink(alice.Username).ClickAsync();
        await Expect(bob.Message("Are you there?")).ToBeVisibleAsync();

        await Expect(alice.Page.GetByText("Seen", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Mark_as_unread_keeps_the_room_unread_until_the_reader_marks_it_read()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Aware");
        await using var _ = alice;
        await using var __ = bob;
        var room = await bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        await alice.SendAsync("Before");
        await alice.SendAsync("Come back to this");
        await alice.SendAsync("After");
        await Expect(bob.Message("After")).ToBeVisibleAsync();
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync(room);

        await bob.ChooseMoreActionAsync("Come back to this", "Mark as unread");

        // Still on screen and focused, yet the room stays unread from that message on.
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync($"{room}, 2 unread");
        await Expect(bob.Page).ToHaveTitleAsync(new Regex(@"^\(2\) "));
        await Expect(bob.Page.GetByRole(AriaRole.Separator, new() { Name = "New messages" })).ToBeVisibleAsync();
        await alice.SendAsync("Even later");
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync($"{room}, 3 unread");

        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await Expect(bob.RoomLink(room)).ToHaveAccessibleNameAsync(room);
        await Expect(bob.Page).ToHaveTitleAsync(new Regex("^#"));
    }

    [Fact]
    public async Task The_member_list_shows_who_is_online_away_on_do_not_disturb_or_gone()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Aware");
        await using var _ = alice;
        await using var __ = bob;
        var members = await bob.OpenMembersAsync();
        ILocator AlicePresence(string state) => members.GetByRole(AriaRole.Img, new() { NameRegex = new Regex($"^{alice.Username} {state}") });

        await Expect(AlicePresence("is online")).ToBeVisibleAsync();

        await alice.HideTabAsync();
        await Expect(AlicePresence("is away")).ToBeVisibleAsync();
        await alice.ShowTabAsync();
        await Expect(AlicePresence("is online")).ToBeVisibleAsync();

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Menuitemcheckbox, new() { Name = "Do not disturb" }).ClickAsync();
        await Expect(AlicePresence("does not want to be disturbed")).ToBeVisibleAsync();

        await alice.Page.CloseAsync();
        await Expect(AlicePresence("is offline, last seen")).ToBeVisibleAsync();
    }
}
