using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Messages;

[Collection(ChatCollection.Name)]
public sealed class LongHistory(BrowserFixture browser, ServerFixture server)
{
    private static string Numbered(int i) => $"History message {i:D3}";

    [Fact]
    public async Task Scrolling_up_loads_a_200_message_history_completely_and_in_order()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await alice.CreateRoomAsync($"History {Guid.NewGuid().ToString("N")[..6]}");
        await alice.SeedMessagesAsync(server.Server, 200, Numbered);

        await alice.Page.ReloadAsync();
        await Expect(alice.Messages.Last).ToContainTextAsync(Numbered(200));
        await Expect(alice.Messages).ToHaveCountAsync(50);

        await alice.ScrollBackToFirstMessageAsync(Numbered(1));

        await Expect(alice.Messages).ToHaveCountAsync(200);
        var texts = await alice.Messages.Locator(".message-body").AllInnerTextsAsync();
        texts.Select(t => t.Trim()).ShouldEqual(Enumerable.Range(1, 200).Select(Numbered));
    }

    [Fact]
    public async Task A_deep_link_opens_the_message_in_context_and_highlights_it()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await alice.CreateRoomAsync($"Deep link {Guid.NewGuid().ToString("N")[..6]}");
        await alice.SeedMessagesAsync(server.Server, 150, Numbered);

        await alice.Page.GotoAsync($"/r/{alice.OpenRoomSlug}/40");

        var target = alice.Message(Numbered(40));
        await Expect(target).ToHaveAttributeAsync("aria-current", "true");
        await Expect(target).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfocused\b"));
        await Expect(target).ToBeInViewportAsync();
        await Expect(alice.Message(Numbered(39))).ToHaveCountAsync(1);
        await Expect(alice.Message(Numbered(41))).ToHaveCountAsync(1);
        await Expect(alice.Message(Numbered(150))).ToHaveCountAsync(0);

        // Back to the present: the newest message is loaded again and new ones arrive live.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Jump to latest" }).ClickAsync();
        await Expect(alice.Message(Numbered(150))).ToBeInViewportAsync();
        await alice.SendAsync("Back in the present");
        await Expect(alice.Messages.Last).ToContainTextAsync("Back in the present");
    }

    [Fact]
    public async Task Copy_link_gives_a_deep_link_to_the_message()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        await alice.CreateRoomAsync($"Links {Guid.NewGuid().ToString("N")[..6]}");
        await alice.SendAsync("Link to me");

        await alice.ChooseMoreActionAsync("Link to me", "Copy link");

        var status = alice.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "link" });
        await Expect(status).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Link copied|/r/"));
    }
}

internal static class SequenceAssertions
{
    public static void ShouldEqual(this IEnumerable<string> actual, IEnumerable<string> expected) =>
        Assert.Equal(expected.ToList(), actual.ToList());
}
