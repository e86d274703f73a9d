using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Rooms;

/// <summary>Two people have one direct message: opening it again finds the same conversation.</summary>
[Collection(ChatCollection.Name)]
public sealed class DirectMessaging(BrowserFixture browser, ServerFixture server)
{
    [Fact]
    public async Task Opening_a_direct_message_with_the_same_person_again_opens_the_same_conversation()
    {
        await using var mia = await ChatMember.RegisterAsync(browser.Browser, server.Server, "mia");
        await using var ned = await ChatMember.RegisterAsync(browser.Browser, server.Server, "ned");

        await mia.OpenDirectMessageAsync(ned);
        await mia.SendAsync("Hi Ned, got a minute?");
        var address = mia.Page.Url;
        await Expect(mia.Navigation.GetByRole(AriaRole.Region, new() { Name = "Direct messages" }).GetByRole(AriaRole.Link, new() { Name = ned.Username }))
            .ToBeVisibleAsync();

        await mia.Page.GetByRole(AriaRole.Button, new() { Name = "Browse rooms" }).ClickAsync();
        await Expect(mia.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Browse rooms" })).ToBeVisibleAsync();
        await mia.OpenDirectMessageAsync(ned);

        await Expect(mia.Page).ToHaveURLAsync(address);
        await Expect(mia.Messages).ToHaveCountAsync(1);
        await Expect(mia.Message("Hi Ned, got a minute?")).ToBeVisibleAsync();
        await Expect(mia.RoomLink(ned.Username)).ToHaveCountAsync(1);

        // Ned has it too, named after Mia, and sees the message.
        await ned.RoomLink(mia.Username).ClickAsync();
        await ned.ExpectRoomOpenAsync(mia.Username);
        await Expect(ned.Page).ToHaveURLAsync(address);
        await Expect(ned.Message("Hi Ned, got a minute?")).ToBeVisibleAsync();
    }
}
