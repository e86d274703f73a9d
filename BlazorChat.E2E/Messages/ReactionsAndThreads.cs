using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Messages;

[Collection(ChatCollection.Name)]
public sealed class ReactionsAndThreads(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task A_reaction_toggled_by_one_member_appears_and_disappears_for_another()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Reactions");
        await using var _ = alice;
        await using var __ = bob;
        await bob.SendAsync("Shall we ship on Friday?");

        await alice.ReactAsync("ship on Friday", "thumbsup");

        await Expect(bob.ReactionChip("ship on Friday", "👍")).ToHaveTextAsync("👍 1");
        await Expect(bob.ReactionChip("ship on Friday", "👍")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(bob.ReactionChip("ship on Friday", "👍")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(alice.Username));
        await Expect(alice.ReactionChip("ship on Friday", "👍")).ToHaveAttributeAsync("aria-pressed", "true");

        // Bob joins in by clicking the chip; Alice takes hers back by clicking hers.
        await bob.ReactionChip("ship on Friday", "👍").ClickAsync();
        await Expect(alice.ReactionChip("ship on Friday", "👍")).ToHaveTextAsync("👍 2");
        await alice.ReactionChip("ship on Friday", "👍").ClickAsync();
        await Expect(bob.ReactionChip("ship on Friday", "👍")).ToHaveTextAsync("👍 1");
        await bob.ReactionChip("ship on Friday", "👍").ClickAsync();

        await Expect(alice.ReactionChip("ship on Friday", "👍")).ToHaveCountAsync(0);
        await Expect(bob.ReactionChip("ship on Friday", "👍")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_thread_reply_is_counted_live_on_the_root_and_stays_out_of_the_timeline()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Threads");
        await using var _ = alice;
        await using var __ = bob;
        await alice.SendAsync("Who reviews the release notes?");
        await Expect(bob.Message("release notes")).ToBeVisibleAsync();

        await bob.ReplyInThreadAsync("release notes", "I can, after lunch");

        var root = alice.Message("release notes");
        await Expect(root.GetByRole(AriaRole.Button, new() { Name = "1 reply" })).ToBeVisibleAsync();
        await Expect(root).ToContainTextAsync("Last reply");
        await Expect(alice.Messages).ToHaveCountAsync(1);

        await bob.ReplyInThreadAsync("release notes", "Done, looks good");
        await Expect(root.GetByRole(AriaRole.Button, new() { Name = "2 replies" })).ToBeVisibleAsync();

        await root.GetByRole(AriaRole.Button, new() { Name = "2 replies" }).ClickAsync();
        await Expect(alice.ThreadReplies).ToHaveCountAsync(2);
        await Expect(alice.ThreadReplies.Nth(0)).ToContainTextAsync("after lunch");
        await Expect(alice.ThreadReplies.Nth(1)).ToContainTextAsync("looks good");
        await Expect(alice.Messages).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_member_mentions_another_with_autocomplete_and_the_mention_is_listed_for_them()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Mentions");
        await using var _ = alice;
        await using var __ = bob;

        await alice.Composer.PressSequentiallyAsync($"Thanks @{bob.Username[..6]}");
        var suggestions = alice.Page.GetByRole(AriaRole.Listbox, new() { Name = "Mention suggestions" });
        await Expect(suggestions.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await alice.Composer.PressAsync("Enter");
        await Expect(alice.Composer).ToHaveValueAsync($"Thanks @{bob.Username} ");
        await alice.Composer.PressAsync("Enter");

        await Expect(bob.Message("Thanks").Locator(".mention")).ToHaveTextAsync($"@{bob.Username}");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Mentions" }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Mentions" })).ToBeVisibleAsync();
        await Expect(bob.Page.GetByRole(AriaRole.List, new() { Name = "Mentions" }).GetByRole(AriaRole.Article)).ToContainTextAsync($"Thanks @{bob.Username}");
    }

    [Fact]
    public async Task Pinned_and_saved_messages_are_listed_where_people_look_for_them()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        var room = $"Pins {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        await alice.SendAsync("House rules: be kind");
        await alice.SendAsync("Meeting notes link");

        await alice.ChooseMoreActionAsync("House rules", "Pin message");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Pinned messages" }).ClickAsync();
        var pinned = alice.Page.GetByRole(AriaRole.Complementary, new() { Name = "Pinned messages" });
        await Expect(pinned.GetByRole(AriaRole.Article)).ToHaveCountAsync(1);
        await Expect(pinned.GetByRole(AriaRole.Article)).ToContainTextAsync("House rules");

        await alice.ChooseMoreActionAsync("Meeting notes", "Save message");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Saved messages" }).ClickAsync();
        var saved = alice.Page.GetByRole(AriaRole.List, new() { Name = "Saved messages" }).GetByRole(AriaRole.Article);
        await Expect(saved).ToHaveCountAsync(1);
        await Expect(saved).ToContainTextAsync("Meeting notes link");
    }
}
