using System.Text.RegularExpressions;
using BlazorChat.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Search;

[Collection(ChatCollection.Name)]
public sealed class SearchToContext(BrowserFixture browser, ServerFixture server)
{
    private ILocator SearchBox(ChatMember member) => member.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search messages", Exact = true });

    private ILocator Results(ChatMember member) => member.Page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link);

    [Fact]
    public async Task A_result_opens_the_message_highlighted_in_its_room_by_keyboard()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        var room = $"Search {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        var slug = alice.OpenRoomSlug;
        var word = $"kiwi{Guid.NewGuid().ToString("N")[..8]}";
        // The match is far back in history, out of the newest page the room opens with.
        await alice.SeedMessagesAsync(server.Server, 120, i => i == 20 ? $"The {word} shipment arrives on Friday" : $"Filler message {i:D3}");

        await SearchBox(alice).FillAsync(word);
        await SearchBox(alice).PressAsync("Enter");

        var result = Results(alice);
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToContainTextAsync($"#{room}");
        await Expect(result).ToContainTextAsync("shipment arrives on Friday");
        await Expect(result.Locator("mark")).ToHaveTextAsync(word);
        await Expect(alice.Page).ToHaveTitleAsync(new Regex("BlazorChat$"));

        // Arrow down from the box to the result, Enter opens it in context.
        await SearchBox(alice).FocusAsync();
        await SearchBox(alice).PressAsync("ArrowDown");
        await Expect(result).ToBeFocusedAsync();
        await alice.Page.Keyboard.PressAsync("Enter");

        await Expect(alice.Page).ToHaveURLAsync(new Regex($"/r/{Regex.Escape(slug)}/20$"));
        var target = alice.Message($"The {word} shipment");
        await Expect(target).ToHaveAttributeAsync("aria-current", "true");
        await Expect(target).ToBeInViewportAsync();
        await Expect(alice.Message("Filler message 120")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Filters_show_as_chips_and_unknown_ones_are_explained()
    {
        await using var alice = await ChatMember.RegisterAsync(browser.Browser, server.Server, "alice");
        var room = $"Chips {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        var slug = alice.OpenRoomSlug;
        var word = $"plum{Guid.NewGuid().ToString("N")[..8]}";
        await alice.SendAsync($"{word} with a link https://example.com/plums");
        await alice.SendAsync($"{word} without one");

        await SearchBox(alice).FillAsync($"{word} has:link in:#{slug} colour:blue");
        await SearchBox(alice).PressAsync("Enter");

        await Expect(Results(alice)).ToHaveCountAsync(1);
        await Expect(Results(alice)).ToContainTextAsync("with a link");
        var chips = alice.Page.GetByRole(AriaRole.List, new() { Name = "Filters" });
        await Expect(chips.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([new Regex($"in:#{slug}"), new Regex("has:link")]);
        await Expect(alice.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("\"colour:\" is not a filter");

        await chips.GetByRole(AriaRole.Link, new() { Name = "Remove filter has:link" }).ClickAsync();

        await Expect(Results(alice)).ToHaveCountAsync(2);
        await Expect(SearchBox(alice)).ToHaveValueAsync($"{word} in:#{slug}");
    }
}
