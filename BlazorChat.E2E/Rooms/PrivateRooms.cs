using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Rooms;

/// <summary>A private channel exists only for its members: outsiders cannot find or open it, invited people see it at once.</summary>
[Collection(ChatCollection.Name)]
public sealed class PrivateRooms(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task A_private_room_is_not_in_the_directory_and_its_address_shows_room_not_found_to_an_outsider()
    {
        await using var kim = await ChatMember.RegisterAsync(browser.Browser, server.Server, "kim");
        await using var leo = await ChatMember.RegisterAsync(browser.Browser, server.Server, "leo");
        var room = $"Secret {Guid.NewGuid().ToString("N")[..6]}";
        await kim.CreateRoomAsync(room, isPrivate: true);
        await kim.SendAsync("Only for the team");
        var address = kim.Page.Url;

        await leo.Page.GetByRole(AriaRole.Button, new() { Name = "Browse rooms" }).ClickAsync();
        await leo.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search rooms" }).FillAsync(room);
        await Expect(leo.Page.GetByText("No public room matches your search.")).ToBeVisibleAsync();

        await leo.Page.GotoAsync(address);
        await Expect(leo.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Room not found" })).ToBeVisibleAsync();
        await Expect(leo.Page.GetByText("Only for the team")).ToHaveCountAsync(0);
        await Expect(leo.RoomLink(room)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_invited_person_sees_the_private_room_appear_in_the_sidebar_and_can_open_it()
    {
        await using var kim = await ChatMember.RegisterAsync(browser.Browser, server.Server, "kim");
        await using var leo = await ChatMember.RegisterAsync(browser.Browser, server.Server, "leo");
        var room = $"Inner circle {Guid.NewGuid().ToString("N")[..6]}";
        await kim.CreateRoomAsync(room, isPrivate: true);
        await kim.SendAsync("Welcome in");

        await kim.InviteAsync(leo);

        await leo.RoomLink(room).ClickAsync();
        await leo.ExpectRoomOpenAsync(room);
        await Expect(leo.Message("Welcome in")).ToBeVisibleAsync();
    }
}
