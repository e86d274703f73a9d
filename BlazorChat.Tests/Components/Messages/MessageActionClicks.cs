using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using BlazorChat.Web.Components.Shared;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>Each action of a message, chosen with the mouse or the keyboard, asks the timeline for exactly that.</summary>
public sealed class MessageActionClicks : MessageTest
{
    private readonly RecordedMessageActions _timeline = new();

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> ShowOwn(long seq = 4) => ShowInRoom(View(seq, Ada) with { Body = $"message {seq}" }, viewer: Ada, _timeline);

    [Fact]
    public void Reply_in_thread_opens_the_thread_of_that_message()
    {
        var message = ShowOwn();

        message.ByRole("button", "Reply in thread").Click();

        _timeline.Calls.ShouldBe(["OpenThread 4"]);
    }

    [Fact]
    public void Delete_message_asks_the_timeline_to_delete_it()
    {
        var message = ShowOwn();

        message.ByRole("button", "Delete message").Click();

        _timeline.Calls.ShouldBe(["Delete 4"]);
    }

    [Fact]
    public void Add_reaction_opens_the_picker_and_the_chosen_emoji_becomes_a_reaction()
    {
        var message = ShowOwn();
        var add = message.ByRole("button", "Add reaction");
        add.GetAttribute("aria-expanded").ShouldBe("false");

        add.Click();

        message.ByRole("button", "Add reaction").GetAttribute("aria-expanded").ShouldBe("true");
        message.ByRole("dialog", "Pick a reaction").ByRole("button", "tada").Click();
        _timeline.Calls.ShouldBe(["React 4 🎉"]);
        message.AllByRole("dialog").ShouldBeEmpty();
    }

    [Fact]
    public async Task Edit_message_opens_an_editor_with_the_text_and_the_saved_version_closes_it()
    {
        var original = View(4, Ada) with { Body = "message 4" };
        var rows = Render<RowList>(p => p
            .Add(l => l.Context, new MessageContext(Ada, RoomFor(RoomRole.Member), new ViewerClock(), _timeline))
            .Add(l => l.Initial, [original]));

        rows.ByRole("button", "Edit message").Click();

        var editor = rows.ByRole("textbox", "Edit message text");
        editor.GetAttribute("value").ShouldBe("message 4");
        ActionNames(rows.ByRole("article")).ShouldBeEmpty(); // no actions while editing
        editor.Input("message 4, corrected");
        rows.ByRole("textbox", "Edit message text").Closest("form")!.Submit();
        _timeline.Calls.ShouldBe(["Edit 4 message 4, corrected"]);

        // The timeline applies the stored version, which reaches the row through the list.
        await rows.InvokeAsync(() => rows.Instance.Show(original with { Body = "message 4, corrected", BodyHtml = "<p>message 4, corrected</p>", EditedAt = Noon }));

        rows.AllByRole("textbox", "Edit message text").ShouldBeEmpty();
        rows.ByRole("article").QuerySelector(".message-body")!.ReadText().ShouldBe("message 4, corrected");
        ActionNames(rows.ByRole("article")).ShouldContain("Edit message");
    }

    [Fact]
    public void Escape_in_the_editor_cancels_without_saving()
    {
        var message = ShowOwn();
        message.ByRole("button", "Edit message").Click();

        message.ByRole("textbox", "Edit message text").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        message.WaitForAssertion(() => message.AllByRole("textbox", "Edit message text").ShouldBeEmpty());
        _timeline.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void More_actions_opens_a_menu_whose_items_reach_the_timeline()
    {
        var message = ShowOwn();

        message.ByRole("button", "More actions").Click();

        var menu = message.ByRole("menu", "More actions");
        menu.NamesOf("menuitem").ShouldBe(["Save message", "Quote", "Copy link", "Mark as unread"]);
        menu.ByRole("menuitem", "Quote").Click();
        _timeline.Calls.ShouldBe(["Quote 4"]);
        message.AllByRole("menu").ShouldBeEmpty();
    }

    [Fact]
    public void The_edited_mark_and_the_thread_summary_open_the_history_and_the_thread()
    {
        var message = ShowInRoom(View(2, Bob) with { EditedAt = Noon.AddHours(1), ReplyCount = 1, LastReplyAt = Noon }, viewer: Ada, _timeline);

        message.ByRole("button", "Show edit history").Click();
        message.AllByRole("button").Single(b => b.Name().StartsWith("1 reply", StringComparison.Ordinal)).Click();

        _timeline.Calls.ShouldBe(["ShowHistory 2", "OpenThread 2"]);
    }
}
