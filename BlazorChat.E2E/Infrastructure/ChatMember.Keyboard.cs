using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>The keyboard shortcuts, the emoji picker and the phone layout's drawer.</summary>
public sealed partial class ChatMember
{
    public ILocator QuickSwitcher => Page.GetByRole(AriaRole.Dialog, new() { Name = "Quick switcher" });

    public ILocator QuickSwitcherBox => QuickSwitcher.GetByRole(AriaRole.Combobox, new() { Name = "Jump to a room or person" });

    public ILocator MessageEditor => Page.GetByRole(AriaRole.Textbox, new() { Name = "Edit message text" });

    /// <summary>The app bar's button that opens the room list on narrow screens.</summary>
    public ILocator OpenRoomsButton => Page.GetByRole(AriaRole.Button, new() { Name = "Open rooms" });

    /// <summary>Opens the quick switcher with Ctrl+K, types <paramref name="letters"/> and opens the highlighted choice with Enter.</summary>
    public async Task SwitchByKeyboardAsync(string letters, string expectedChoice)
    {
        await Page.Keyboard.PressAsync("Control+k");
        await Expect(QuickSwitcherBox).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(letters);
        var active = QuickSwitcher.GetByRole(AriaRole.Option, new() { Selected = true });
        await Expect(active).ToContainTextAsync(expectedChoice);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(QuickSwitcher).ToHaveCountAsync(0);
    }

    /// <summary>On a phone: opens the room list from the app bar and waits for it.</summary>
    public async Task OpenRoomsDrawerAsync()
    {
        await OpenRoomsButton.ClickAsync();
        await Expect(Navigation).ToBeVisibleAsync();
    }

    /// <summary>The open room's message box contains exactly <paramref name="text"/>.</summary>
    public Task ExpectComposerTextAsync(string text) => Expect(RoomComposer).ToHaveValueAsync(new Regex($"^{Regex.Escape(text)}$"));
}
