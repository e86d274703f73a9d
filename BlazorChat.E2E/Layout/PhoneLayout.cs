using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Layout;

/// <summary>A 360×740 phone: the room list is a drawer, the thread a full-screen sheet, nothing scrolls sideways.</summary>
[Collection(ChatCollection.Name)]
public sealed class PhoneLayout(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task On_a_phone_one_opens_a_room_from_the_drawer_sends_and_replies_in_a_full_screen_thread()
    {
        var alice = await ChatMember.RegisterOnPhoneAsync(browser.Browser, server.Server, "alice");
        await using var _ = alice;
        var suffix = Guid.NewGuid().ToString("N")[..5];

        // The room list stays out of the way until asked for.
        await Expect(alice.Navigation).Not.ToBeVisibleAsync();
        await alice.OpenRoomsDrawerAsync();
        await alice.CreateRoomAsync($"Field team {suffix}");
        await alice.OpenRoomsDrawerAsync();
        await alice.CreateRoomAsync($"Night shift {suffix}");
        await Expect(alice.Navigation).Not.ToBeVisibleAsync();

        await alice.OpenRoomsDrawerAsync();
        await alice.RoomLink($"Field team {suffix}").ClickAsync();
        await alice.ExpectRoomOpenAsync($"Field team {suffix}");
        await Expect(alice.Navigation).Not.ToBeVisibleAsync();

        await alice.SendAsync("Van 2 needs new tyres");
        await Expect(alice.Message("Van 2 needs new tyres")).ToBeVisibleAsync();
        Assert.InRange(await alice.Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, 360);

        await alice.ReplyInThreadAsync("Van 2 needs new tyres", "Booked for Monday");
        var sheet = await alice.ThreadPanel.BoundingBoxAsync();
        Assert.NotNull(sheet);
        Assert.InRange(sheet.Width, 359, 361);
        Assert.InRange(sheet.X, -1, 1);

        await alice.ThreadPanel.GetByRole(AriaRole.Button, new() { Name = "Close thread" }).ClickAsync();
        await Expect(alice.ThreadPanel).ToHaveCountAsync(0);
        await Expect(alice.RoomComposer).ToBeFocusedAsync();
        await Expect(alice.Message("Van 2 needs new tyres").GetByRole(AriaRole.Button, new() { Name = "1 reply" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Esc_closes_the_drawer_and_returns_focus_to_its_button()
    {
        var alice = await ChatMember.RegisterOnPhoneAsync(browser.Browser, server.Server, "alice");
        await using var _ = alice;

        await alice.OpenRoomsDrawerAsync();
        await Expect(alice.Navigation.GetByRole(AriaRole.Button, new() { Name = "Create room" })).ToBeVisibleAsync();
        await alice.Page.Keyboard.PressAsync("Escape");

        await Expect(alice.Navigation).Not.ToBeVisibleAsync();
        await Expect(alice.OpenRoomsButton).ToBeFocusedAsync();
    }
}
