using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Keyboard;

/// <summary>Everyday use with the keyboard alone: switching rooms, editing, closing panels, emoji.</summary>
[Collection(ChatCollection.Name)]
public sealed class KeyboardUse(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task The_quick_switcher_opens_a_room_and_a_direct_message_by_keyboard_only()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Switchboard");
        await using var _ = alice;
        await using var __ = bob;
        var suffix = Guid.NewGuid().ToString("N")[..5];
        await alice.CreateRoomAsync($"Quarterly planning {suffix}");
        await alice.CreateRoomAsync($"Random {suffix}");

        // Letters in order, with gaps: "qplan" finds "Quarterly planning".
        await alice.SwitchByKeyboardAsync("qplan", "Quarterly planning");
        await alice.ExpectRoomOpenAsync($"Quarterly planning {suffix}");
        await Expect(alice.RoomComposer).ToBeFocusedAsync();

        // A person opens the direct message with them.
        await alice.SwitchByKeyboardAsync(bob.Username, bob.Username);
        await alice.ExpectRoomOpenAsync(bob.Username);
        await Expect(alice.RoomComposer).ToBeFocusedAsync();
        await alice.Page.Keyboard.TypeAsync("Found you");
        await alice.Page.Keyboard.PressAsync("Enter");
        await Expect(alice.Message("Found you")).ToBeVisibleAsync();

        // Esc closes the switcher and gives focus back.
        await alice.Page.Keyboard.PressAsync("Control+k");
        await Expect(alice.QuickSwitcherBox).ToBeFocusedAsync();
        await alice.Page.Keyboard.PressAsync("Escape");
        await Expect(alice.QuickSwitcher).ToHaveCountAsync(0);
        await Expect(alice.RoomComposer).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Up_in_the_empty_message_box_edits_the_last_own_message_and_Esc_cancels()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Edits");
        await using var _ = alice;
        await using var __ = bob;
        await alice.SendAsync("Standup at 9");
        await alice.SendAsync("Standup at 10");
        await bob.SendAsync("Noted");
        await Expect(alice.Message("Noted")).ToBeVisibleAsync();

        await alice.Composer.FocusAsync();
        await alice.Page.Keyboard.PressAsync("ArrowUp");

        // Her own last message, not Bob's later one.
        await Expect(alice.MessageEditor).ToBeFocusedAsync();
        await Expect(alice.MessageEditor).ToHaveValueAsync("Standup at 10");
        await alice.MessageEditor.FillAsync("Standup at 10:30");
        await alice.Page.Keyboard.PressAsync("Enter");
        await Expect(alice.MessageEditor).ToHaveCountAsync(0);
        await Expect(bob.Message("Standup at 10:30")).ToContainTextAsync("(edited)");
        await Expect(alice.Composer).ToBeFocusedAsync();

        await alice.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(alice.MessageEditor).ToBeFocusedAsync();
        await alice.Page.Keyboard.PressAsync("Escape");
        await Expect(alice.MessageEditor).ToHaveCountAsync(0);
        await Expect(alice.Message("Standup at 10:30")).ToBeVisibleAsync();
        await Expect(alice.Composer).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Esc_closes_the_thread_and_focus_returns_to_the_message_box()
    {
        var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var _ = alice;
        await alice.CreateRoomAsync($"Threads {Guid.NewGuid().ToString("N")[..6]}");
        await alice.SendAsync("Release on Thursday?");
        await alice.ClickMessageActionAsync("Release on Thursday", "Reply in thread");
        await Expect(alice.ThreadComposer).ToBeFocusedAsync();

        await alice.Page.Keyboard.PressAsync("Escape");

        await Expect(alice.ThreadPanel).ToHaveCountAsync(0);
        await Expect(alice.RoomComposer).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Alt_arrows_move_between_rooms_in_sidebar_order_and_Alt_Shift_to_the_room_with_news()
    {
        var (alice, bob) = await ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, "Moves");
        await using var _ = alice;
        await using var __ = bob;
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var kilo = $"Kilo {suffix}";
        var lima = $"Lima {suffix}";
        await alice.CreateRoomAsync(kilo);
        await alice.CreateRoomAsync(lima);

        await alice.Page.Keyboard.PressAsync("Alt+ArrowUp");
        await alice.ExpectRoomOpenAsync(kilo);
        await Expect(alice.RoomComposer).ToBeFocusedAsync();
        await alice.Page.Keyboard.PressAsync("Alt+ArrowDown");
        await alice.ExpectRoomOpenAsync(lima);

        // News in Kilo: Alt+Shift+Down goes there, past rooms without news (around the end of the list).
        await bob.JoinFromDirectoryAsync(kilo);
        await bob.SendAsync("Anyone around?");
        await Expect(alice.RoomLink(kilo)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-news"));
        await alice.Page.Keyboard.PressAsync("Alt+Shift+ArrowDown");
        await alice.ExpectRoomOpenAsync(kilo);
        await Expect(alice.Message("Anyone around?")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Typing_a_shortcode_offers_emoji_and_the_picker_inserts_one_at_the_caret()
    {
        var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var _ = alice;
        await alice.CreateRoomAsync($"Emoji {Guid.NewGuid().ToString("N")[..6]}");

        await alice.Composer.FocusAsync();
        await alice.Page.Keyboard.TypeAsync("Shipped :tad");
        var suggestions = alice.Page.GetByRole(AriaRole.Listbox, new() { Name = "Emoji suggestions" });
        await Expect(suggestions.GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync(":tada:");
        await alice.Page.Keyboard.PressAsync("Enter");
        await alice.ExpectComposerTextAsync("Shipped 🎉 ");
        await Expect(suggestions).ToHaveCountAsync(0);

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Insert emoji", Exact = true }).ClickAsync();
        var picker = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Insert emoji" });
        await picker.GetByRole(AriaRole.Searchbox, new() { Name = "Search emoji" }).FillAsync("rocket");
        await picker.GetByRole(AriaRole.Button, new() { Name = "rocket", Exact = true }).ClickAsync();
        await Expect(picker).ToHaveCountAsync(0);
        await alice.ExpectComposerTextAsync("Shipped 🎉 🚀");
        await Expect(alice.Composer).ToBeFocusedAsync();
        await alice.Page.Keyboard.PressAsync("Enter");
        await Expect(alice.Message("Shipped 🎉 🚀")).ToBeVisibleAsync();

        // What she used comes first next time, for reactions too.
        await alice.ClickMessageActionAsync("Shipped", "Add reaction");
        var reactions = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Pick a reaction" });
        await Expect(reactions.GetByRole(AriaRole.Tab, new() { Name = "Recently used" })).ToHaveAttributeAsync("aria-selected", "true");
        await reactions.GetByRole(AriaRole.Button, new() { Name = "rocket", Exact = true }).ClickAsync();
        await Expect(alice.ReactionChip("Shipped", "🚀")).ToHaveTextAsync("🚀 1");
    }

    [Fact]
    public async Task A_question_mark_outside_text_boxes_lists_the_shortcuts()
    {
        var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await using var _ = alice;
        await alice.CreateRoomAsync($"Help {Guid.NewGuid().ToString("N")[..6]}");

        // In the message box "?" is just text.
        await alice.Composer.FocusAsync();
        await alice.Page.Keyboard.TypeAsync("?");
        await alice.ExpectComposerTextAsync("?");
        await Expect(alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToHaveCountAsync(0);

        await alice.Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
        await alice.Page.Keyboard.PressAsync("?");
        var help = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(help).ToContainTextAsync("Jump to a room or person");
        await alice.Page.Keyboard.PressAsync("Escape");
        await Expect(help).ToHaveCountAsync(0);
    }
}
