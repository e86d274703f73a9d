using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Delivery;

/// <summary>Messages sent while a member's browser is offline all appear once, in order, when it is back.</summary>
[Collection(ChatCollection.Name)]
public sealed class OfflineAndBack(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task Twenty_messages_sent_while_a_member_is_offline_appear_once_and_in_order_when_they_return()
    {
        await using var kim = await ChatMember.RegisterAsync(browser.Browser, server.Server, "kim");
        await using var link = new NetworkLink(server.Server.Port);
        await using var leo = await ChatMember.RegisterAsync(browser.Browser, link.BaseUrl, "leo");
        var room = $"Offline {Guid.NewGuid().ToString("N")[..6]}";
        await kim.CreateRoomAsync(room);
        await leo.JoinFromDirectoryAsync(room);
        await kim.SendAsync("Before going offline");
        await Expect(leo.Message("Before going offline")).ToBeVisibleAsync();

        link.Cut();
        await Expect(leo.ConnectionLostNotice.Or(leo.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Still offline" })))
            .ToBeVisibleAsync(new() { Timeout = 30_000 });
        for (var i = 1; i <= 20; i++) await kim.SendAsync($"While away {i:00}");
        link.Restore();

        await Expect(leo.Message("While away 20")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(leo.Messages).ToHaveCountAsync(21);
        var texts = await leo.Messages.Locator(".message-body").AllInnerTextsAsync();
        Assert.Equal(["Before going offline", .. Enumerable.Range(1, 20).Select(i => $"While away {i:00}")], texts.Select(t => t.Trim()));
    }
}
