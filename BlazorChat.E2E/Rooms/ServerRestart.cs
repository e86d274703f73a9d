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
}
