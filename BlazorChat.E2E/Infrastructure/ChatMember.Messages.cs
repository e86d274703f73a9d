using System.Text.RegularExpressions;
using BlazorChat.Core;
using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Microsoft.Playwright.Assertions;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>What a person does with messages: act on them, react, reply in threads, scroll history.</summary>
public sealed partial class ChatMember
{
    /// <summary>Two new people in a new public room named <paramref name="roomPrefix"/> plus a suffix: "alice" creates it, "bob" joins it from the directory.</summary>
    public static async Task<(ChatMember Alice, ChatMember Bob)> AliceAndBobInNewRoomAsync(IBrowser browser, AppServer server, string roomPrefix)
    {
        var alice = await RegisterAsync(browser, server, "alice");
        var bob = await RegisterAsync(browser, server, "bob");
        var room = $"{roomPrefix} {Guid.NewGuid().ToString("N")[..6]}";
        await alice.CreateRoomAsync(room);
        await bob.JoinFromDirectoryAsync(room);
        return (alice, bob);
    }

    /// <summary>The room's own message box (the thread panel has another one, "Message thread").</summary>
    public ILocator RoomComposer => Page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Message (?!thread$)") });

    public ILocator ThreadPanel => Page.GetByRole(AriaRole.Complementary, new() { Name = "Thread", Exact = true });

    public ILocator ThreadComposer => ThreadPanel.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Message") });

    /// <summary>The replies shown in the open thread panel.</summary>
    public ILocator ThreadReplies => ThreadPanel.GetByRole(AriaRole.Log, new() { Name = "Replies" }).GetByRole(AriaRole.Article);

    /// <summary>The reaction chip for <paramref name="emoji"/> under the message containing <paramref name="text"/>.</summary>
    public ILocator ReactionChip(string text, string emoji) =>
        Message(text).GetByRole(AriaRole.Group, new() { Name = "Reactions" }).GetByRole(AriaRole.Button, new() { Name = emoji });

    /// <summary>Clicks one of a message's actions (they show on hover, as for a person with a mouse).</summary>
    public async Task ClickMessageActionAsync(string text, string action)
    {
        var message = Message(text);
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
    }

    /// <summary>Reacts through the picker with the emoji whose button is named <paramref name="emojiName"/> (e.g. "thumbsup").</summary>
    public async Task ReactAsync(string text, string emojiName)
    {
        await ClickMessageActionAsync(text, "Add reaction");
        var picker = Page.GetByRole(AriaRole.Dialog, new() { Name = "Pick a reaction" });
        await picker.GetByRole(AriaRole.Button, new() { Name = emojiName, Exact = true }).ClickAsync();
        await Expect(picker).ToHaveCountAsync(0);
    }

    /// <summary>Edits one's own message inline, saving with Enter.</summary>
    public async Task EditMessageAsync(string text, string newText)
    {
        await ClickMessageActionAsync(text, "Edit message");
        var editor = Page.GetByRole(AriaRole.Textbox, new() { Name = "Edit message text" });
        await editor.FillAsync(newText);
        await editor.PressAsync("Enter");
        await Expect(editor).ToHaveCountAsync(0);
    }

    /// <summary>Deletes a message through the confirmation dialog, giving <paramref name="reason"/> when one is asked for.</summary>
    public async Task DeleteMessageAsync(string text, string? reason = null)
    {
        await ClickMessageActionAsync(text, "Delete message");
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Delete message" });
        if (reason is not null) await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync(reason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>Chooses an item of a message's "More actions" menu.</summary>
    public async Task ChooseMoreActionAsync(string text, string item)
    {
        await ClickMessageActionAsync(text, "More actions");
        await Page.GetByRole(AriaRole.Menu, new() { Name = "More actions" }).GetByRole(AriaRole.Menuitem, new() { Name = item, Exact = true }).ClickAsync();
    }

    /// <summary>Opens the thread of the message containing <paramref name="rootText"/> and replies there.</summary>
    public async Task ReplyInThreadAsync(string rootText, string reply)
    {
        if (!await ThreadPanel.IsVisibleAsync()) await ClickMessageActionAsync(rootText, "Reply in thread");
        await Expect(ThreadComposer).ToBeEditableAsync();
        await ThreadComposer.FillAsync(reply);
        await ThreadComposer.PressAsync("Enter");
        await Expect(ThreadComposer).ToHaveValueAsync("");
        await Expect(ThreadReplies.Filter(new() { HasText = reply }).Locator(".message-body")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Scrolls the timeline up page by page, waiting each time for older messages to arrive, until
    /// the room's first message is there.
    /// </summary>
    public async Task ScrollBackToFirstMessageAsync(string firstText, int maxPages = 20)
    {
        var scroller = Page.Locator(".message-scroller");
        for (var page = 0; page < maxPages; page++)
        {
            var oldest = await Messages.First.InnerTextAsync();
            if (oldest.Contains(firstText)) return;
            await scroller.EvaluateAsync("element => element.scrollTop = 0");
            await Expect(Messages.First).Not.ToHaveTextAsync(oldest);
        }
        await Expect(Messages.First).ToContainTextAsync(firstText);
    }

    /// <summary>The room's slug, read from the address of the open room.</summary>
    public string OpenRoomSlug => new Uri(Page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>
    /// Stores <paramref name="count"/> messages from this member in the open room, straight into the
    /// server's database through the app's own write path (MessageService), much faster than typing
    /// them. The server's open views learn of them on their next load.
    /// </summary>
    public async Task SeedMessagesAsync(AppServer server, int count, Func<int, string> body)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = server.DataDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlazorChat:DataDirectory"] = server.DataDirectory,
            // Seeding is set-up, not a person typing: no send limit.
            ["BlazorChat:RateLimits:MessagesPerSecond"] = "1000000",
        });
        builder.AddChatCore();
        builder.Services.AddLogging();
        // Never started: the server already migrated the database, and nothing else here needs to run.
        using var host = builder.Build();
        var slug = OpenRoomSlug;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContextAsync())
        {
            var userId = await db.Users.Where(u => u.NormalizedUserName == Username.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            var roomId = await db.Rooms.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync();
            var messages = host.Services.GetRequiredService<MessageService>();
            for (var i = 1; i <= count; i++) await messages.SendAsync(userId, roomId, Guid.NewGuid(), body(i));
        }
    }
}
