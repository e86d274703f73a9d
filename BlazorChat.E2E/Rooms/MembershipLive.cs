using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Rooms;

/// <summary>Changes to a room's membership and state reach the open views of everyone concerned at once.</summary>
[Collection(ChatCollection.Name)]
public sealed class MembershipLive(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task A_removed_member_loses_the_room_at_once_in_their_open_view()
    {
        await using var olga = await ChatMember.RegisterAsync(browser.Browser, server.Server, "olga");
        await using var pete = await ChatMember.RegisterAsync(browser.Browser, server.Server, "pete");
        var room = $"Core team {Guid.NewGuid().ToString("N")[..6]}";
        await olga.CreateRoomAsync(room, isPrivate: true);
        await olga.InviteAsync(pete);
        await olga.SendAsync("Plans for next quarter");
        await pete.RoomLink(room).ClickAsync();
        await pete.ExpectRoomOpenAsync(room);
        await Expect(pete.Message("Plans for next quarter")).ToBeVisibleAsync();

        await olga.RemoveMemberAsync(pete);

        await Expect(pete.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "You are no longer a member of this room" })).ToBeVisibleAsync();
        await Expect(pete.MessageLog).ToHaveCountAsync(0);
        await Expect(pete.Composer).ToHaveCountAsync(0);
        await Expect(pete.RoomLink(room)).ToHaveCountAsync(0);
        await pete.Page.ReloadAsync();
        await Expect(pete.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Room not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Archiving_a_room_replaces_the_composer_of_another_member_live()
    {
        await using var quinn = await ChatMember.RegisterAsync(browser.Browser, server.Server, "quinn");
        await using var rosa = await ChatMember.RegisterAsync(browser.Browser, server.Server, "rosa");
        var room = $"Old project {Guid.NewGuid().ToString("N")[..6]}";
        await quinn.CreateRoomAsync(room);
        await rosa.JoinFromDirectoryAsync(room);
        await rosa.SendAsync("Wrapping up");

        await quinn.ArchiveRoomAsync();

        await Expect(rosa.ArchivedNotice).ToBeVisibleAsync();
        await Expect(rosa.Composer).ToHaveCountAsync(0);
        await Expect(rosa.Message("Wrapping up")).ToBeVisibleAsync();
        await Expect(quinn.ArchivedNotice).ToBeVisibleAsync();
        await Expect(quinn.Composer).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_room_moderator_mutes_a_member_who_then_cannot_post_until_unmuted()
    {
        await using var sara = await ChatMember.RegisterAsync(browser.Browser, server.Server, "sara");
        await using var tom = await ChatMember.RegisterAsync(browser.Browser, server.Server, "tom");
        var room = $"Quiet please {Guid.NewGuid().ToString("N")[..6]}";
        await sara.CreateRoomAsync(room);
        await tom.JoinFromDirectoryAsync(room);

        var members = await sara.OpenMembersAsync();
        await members.GetByRole(AriaRole.Button, new() { Name = $"Mute {tom.Username}" }).ClickAsync();
        var form = members.GetByRole(AriaRole.Form, new() { Name = $"Mute {tom.Username}" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true }).ClickAsync();
        await Expect(members.GetByRole(AriaRole.Alert)).ToContainTextAsync("reason");
        await form.GetByLabel("Reason for muting").FillAsync("Spamming the channel");
        await form.GetByRole(AriaRole.Button, new() { Name = "Mute", Exact = true }).ClickAsync();
        await Expect(members.GetByRole(AriaRole.Button, new() { Name = $"Unmute {tom.Username}" })).ToBeVisibleAsync();

        await tom.Composer.FillAsync("Buy now!!!");
        await tom.Composer.PressAsync("Enter");
        await Expect(tom.Message("Buy now!!!")).ToContainTextAsync("You are muted in this room");
        await Expect(sara.Message("Buy now!!!")).ToHaveCountAsync(0);

        await members.GetByRole(AriaRole.Button, new() { Name = $"Unmute {tom.Username}" }).ClickAsync();
        await Expect(members.GetByRole(AriaRole.Button, new() { Name = $"Mute {tom.Username}" })).ToBeVisibleAsync();
        // The refused message stays on Tom's screen as failed, with Retry; a new one goes through.
        await tom.Composer.FillAsync("Sorry about that");
        await tom.Composer.PressAsync("Enter");
        await Expect(sara.Message("Sorry about that")).ToBeVisibleAsync();
    }
}
