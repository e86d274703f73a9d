namespace BlazorChat.E2E.Infrastructure;

/// <summary>Conversations and room management, driven through the sidebar, the room header and their dialogs.</summary>
public sealed partial class ChatMember
{
    /// <summary>The sidebar link to a room, named by the room's name as this member sees it.</summary>
    public ILocator RoomLink(string name) =>
        Navigation.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(name)}(, .*)?$") });

    /// <summary>The open dialog (the app shows one at a time).</summary>
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>
    /// Opens the direct message with <paramref name="other"/> through "New direct message": finds
    /// them by username, picks them and starts the conversation, then waits until it is open.
    /// </summary>
    public async Task OpenDirectMessageAsync(ChatMember other)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New direct message" }).ClickAsync();
        await PickAsync(other);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();
        await ExpectRoomOpenAsync(other.Username);
    }

    /// <summary>Opens the member list of the open room.</summary>
    public async Task<ILocator> OpenMembersAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Members", Exact = true }).ClickAsync();
        await Assertions.Expect(Dialog.GetByRole(AriaRole.List, new() { Name = "Members" })).ToBeVisibleAsync();
        return Dialog;
    }

    /// <summary>Adds <paramref name="person"/> to the open room through the member list, and closes it again.</summary>
    public async Task InviteAsync(ChatMember person)
    {
        var dialog = await OpenMembersAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Invite people" }).ClickAsync();
        await PickAsync(person);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add to room" }).ClickAsync();
        await Assertions.Expect(MemberEntry(person)).ToBeVisibleAsync();
        await CloseDialogAsync();
    }

    /// <summary>Removes <paramref name="person"/> from the open room through the member list, and closes it again.</summary>
    public async Task RemoveMemberAsync(ChatMember person)
    {
        var dialog = await OpenMembersAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Remove {person.Username}" }).ClickAsync();
        await Assertions.Expect(MemberEntry(person)).ToHaveCountAsync(0);
        await CloseDialogAsync();
    }

    /// <summary>Archives the open room through its settings.</summary>
    public async Task ArchiveRoomAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Room settings" }).ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Archive room" }).ClickAsync();
        await Assertions.Expect(Dialog).ToHaveCountAsync(0);
    }

    /// <summary>The notice an archived room shows in place of the composer.</summary>
    public ILocator ArchivedNotice => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "This room is archived" });

    /// <summary>Closes the open dialog with Escape, as a keyboard user does.</summary>
    public async Task CloseDialogAsync()
    {
        await Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Dialog).ToHaveCountAsync(0);
    }

    private ILocator MemberEntry(ChatMember person) =>
        Dialog.GetByRole(AriaRole.List, new() { Name = "Members" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = person.Username });

    /// <summary>Finds <paramref name="person"/> in the open dialog's user picker and picks them.</summary>
    private async Task PickAsync(ChatMember person)
    {
        await Dialog.GetByRole(AriaRole.Searchbox, new() { Name = "Find people" }).FillAsync(person.Username);
        await Dialog.GetByRole(AriaRole.List, new() { Name = "People found" })
            .GetByRole(AriaRole.Button, new() { Name = person.Username }).ClickAsync();
        await Assertions.Expect(Dialog.GetByRole(AriaRole.List, new() { Name = "Selected people" })).ToContainTextAsync(person.Username);
    }
}
