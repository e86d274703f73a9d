using System.Text.RegularExpressions;
using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.ReadState;

[Collection(ChatCollection.Name)]
public sealed class UnreadInTheTitle(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task The_tab_title_counts_messages_that_arrive_while_the_reader_is_elsewhere()
    {
        await using var ivy = await ChatMember.RegisterAsync(browser.Browser, server.Server, "ivy");
        await using var jack = await ChatMember.RegisterAsync(browser.Browser, server.Server, "jack");
        var room = $"Title {Guid.NewGuid().ToString("N")[..6]}";
        await ivy.CreateRoomAsync(room);
        await jack.JoinFromDirectoryAsync(room);

        await jack.Page.GetByRole(AriaRole.Link, new() { Name = "BlazorChat", Exact = true }).ClickAsync();
        await Expect(jack.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Welcome to BlazorChat" })).ToBeVisibleAsync();
        await Expect(jack.Page).ToHaveTitleAsync("Home · BlazorChat");

        await ivy.SendAsync("First news");
        await ivy.SendAsync("Second news");

        await Expect(jack.Page).ToHaveTitleAsync("(2) Home · BlazorChat");
    }
}
