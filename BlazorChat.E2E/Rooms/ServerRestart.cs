using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Rooms;

/// <summary>The embedded default keeps its database and sign-in keys in the data directory.</summary>
[Collection(ChatCollection.Name)]
public sealed class ServerRestart(BrowserFixture browser)
{
    [Fact]
    public async Task After_the_server_restarts_members_are_still_signed_in_and_the_history_is_intact()
    {
        await using var server = new AppServer();
        await server.StartAsync();
        await using var frank = await ChatMember.RegisterAsync(browser.Browser, server, "frank");
        var room = $"Persist {Guid.NewGuid().ToString("N")[..6]}";
        await frank.CreateRoomAsync(room);
        await frank.SendAsync("Before the restart");
        await Expect(frank.Message("Before the restart")).ToBeVisibleAsync();

        await server.StopAsync();
        await server.StartAsync();

        await frank.Page.ReloadAsync();
        await frank.ExpectRoomOpenAsync(room);
        await Expect(frank.Messages).ToHaveCountAsync(1);
        await Expect(frank.Message("Before the restart")).ToBeVisibleAsync();
        await frank.SendAsync("After the restart");
        await Expect(frank.Messages.Nth(1)).ToContainTextAsync("After the restart");
    }

    [Fact]
    public async Task An_open_room_recovers_by_itself_after_a_server_restart_and_shows_what_was_sent_meanwhile()
    {
        await using var server = new AppServer();
        await server.StartAsync();
        await using var gina = await ChatMember.RegisterAsync(browser.Browser, server, "gina");
        await using var hank = await ChatMember.RegisterAsync(browser.Browser, server, "hank");
        var room = $"Outage {Guid.NewGuid().ToString("N")[..6]}";
        await gina.CreateRoomAsync(room);
        await hank.JoinFromDirectoryAsync(room);
        await gina.SendAsync("Before the outage");
        await Expect(hank.Message("Before the outage")).ToBeVisibleAsync();

        await server.StopAsync();
        await Expect(hank.ConnectionLostNotice).ToBeVisibleAsync();
        await Expect(gina.ConnectionLostNotice).ToBeVisibleAsync();
        await server.StartAsync();

        // Both tabs recover by themselves; what Gina sends then, Hank's tab shows without a manual reload.
        await Expect(gina.ConnectionLostNotice).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(hank.ConnectionLostNotice).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await gina.ExpectRoomOpenAsync(room);
        await gina.SendAsync("After the outage");
        await Expect(hank.Message("After the outage")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(hank.Messages).ToHaveCountAsync(2);
        await Expect(hank.Messages.Nth(0)).ToContainTextAsync("Before the outage");
    }

    [Fact]
    public async Task Open_tabs_are_told_when_the_server_shuts_down_and_carry_on_after_it_is_back()
    {
        await using var server = new AppServer();
        await server.StartAsync();
        await using var mia = await ChatMember.RegisterAsync(browser.Browser, server, "mia");
        var room = $"Deploy {Guid.NewGuid().ToString("N")[..6]}";
        await mia.CreateRoomAsync(room);
        await mia.SendAsync("Before the deploy");

        var notice = mia.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The server is restarting" });
        var stopping = server.StopGracefullyAsync();
        await Expect(notice).ToBeVisibleAsync();
        await stopping;
        await server.StartAsync();

        await Expect(notice).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await mia.ExpectRoomOpenAsync(room);
        await mia.SendAsync("After the deploy");
        await Expect(mia.Messages).ToHaveCountAsync(2);
    }
}
