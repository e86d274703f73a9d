using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Messages;

[Collection(ChatCollection.Name)]
public sealed class EditingAndDeleting(BrowserFixture browser, ServerFixture server)
{
    private Task<(ChatMember Alice, ChatMember Bob)> TwoMembersAsync(string room) =>
        ChatMember.AliceAndBobInNewRoomAsync(browser.Browser, server.Server, room);

    [Fact]
    public async Task An_edit_and_a_delete_are_seen_live_by_another_member()
    {
        var (alice, bob) = await TwoMembersAsync("Edits");
        await using var _ = alice;
        await using var __ = bob;
        await alice.SendAsync("The plan is in teh doc");
        await Expect(bob.Message("teh doc")).ToBeVisibleAsync();

        await alice.EditMessageAsync("teh doc", "The plan is in **the** doc");

        await Expect(bob.Message("the doc")).ToBeVisibleAsync();
        await Expect(bob.Message("the doc").Locator("strong")).ToHaveTextAsync("the");
        await Expect(bob.Message("the doc").GetByRole(AriaRole.Button, new() { Name = "Show edit history" })).ToBeVisibleAsync();
        await Expect(bob.Messages).ToHaveCountAsync(1);

        await bob.Message("the doc").GetByRole(AriaRole.Button, new() { Name = "Show edit history" }).ClickAsync();
        var history = bob.Page.GetByRole(AriaRole.Dialog, new() { Name = "Edit history" });
        await Expect(history).ToContainTextAsync("The plan is in teh doc");
        await history.PressAsync("Escape");

        await alice.DeleteMessageAsync("the doc");

        await Expect(bob.Messages).ToHaveCountAsync(1);
        await Expect(bob.Messages.First).ToContainTextAsync("message deleted");
        await Expect(bob.Messages.First).Not.ToContainTextAsync("plan");
    }

    [Fact]
    public async Task A_member_sees_no_edit_or_delete_on_someone_elses_message()
    {
        var (alice, bob) = await TwoMembersAsync("Not mine");
        await using var _ = alice;
        await using var __ = bob;
        await alice.SendAsync("Owner's announcement");

        var message = bob.Message("announcement");
        await message.HoverAsync();
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Add reaction" })).ToBeVisibleAsync();
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Reply in thread" })).ToBeVisibleAsync();
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "More actions" })).ToBeVisibleAsync();
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Edit message" })).ToHaveCountAsync(0);
        await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Delete message" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_room_owner_deletes_a_members_message_only_with_a_reason()
    {
        var (alice, bob) = await TwoMembersAsync("Moderation");
        await using var _ = alice;
        await using var __ = bob;
        await bob.SendAsync("Buy cheap watches");
        await Expect(alice.Message("cheap watches")).ToBeVisibleAsync();

        await alice.ClickMessageActionAsync("cheap watches", "Delete message");
        var dialog = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Delete message" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync("Spam");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await Expect(bob.Messages.First).ToContainTextAsync("message deleted by a moderator");
        await Expect(bob.Messages.First).Not.ToContainTextAsync("watches");
    }
}
