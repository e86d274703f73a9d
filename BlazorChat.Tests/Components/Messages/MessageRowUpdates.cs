using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// A row of the message list renders again only when what it shows changed: a changed message,
/// or a change of the room or of the viewer's saved messages. These check that a row handed the
/// same message by a list that re-rendered still shows every such change.
/// </summary>
public sealed class MessageRowUpdates : MessageTest
{
    private IRenderedComponent<RowList> Show(MessageContext context, params MessageView[] messages) =>
        Render<RowList>(p => p.Add(l => l.Context, context).Add(l => l.Initial, messages));

    private static MessageContext ContextOf(Guid viewer) => new(viewer, RoomFor(RoomRole.Member), new ViewerClock(), new NoMessageActions());

    [Fact]
    public async Task A_new_message_is_added_and_the_rows_before_it_stay_as_they_were()
    {
        var rows = Show(ContextOf(Ada), View(1, Ada), View(2, Bob));

        await rows.InvokeAsync(() => rows.Instance.Show(View(3, Bob, html: "<p>third</p>")));

        var articles = rows.AllByRole("article");
        articles.Select(a => a.QuerySelector(".message-body")!.ReadText()).ShouldBe(["message 1", "message 2", "third"]);
        ActionNames(articles[0]).ShouldContain("Edit message");
    }

    [Fact]
    public async Task An_edited_message_shows_its_new_text_when_the_list_hands_the_row_the_new_version()
    {
        var original = View(1, Ada);
        var rows = Show(ContextOf(Ada), original, View(2, Bob));

        await rows.InvokeAsync(() => rows.Instance.Show(original with { BodyHtml = "<p>changed</p>", EditedAt = Noon.AddHours(1) }));

        var first = rows.AllByRole("article")[0];
        first.QuerySelector(".message-body")!.ReadText().ShouldBe("changed");
        first.ByRole("button", "Show edit history").ShouldNotBeNull();
    }

    [Fact]
    public async Task Archiving_the_room_takes_the_actions_off_rows_whose_messages_did_not_change()
    {
        var context = ContextOf(Ada);
        var rows = Show(context, View(1, Ada));
        ActionNames(rows.ByRole("article")).ShouldContain("Edit message");

        await rows.InvokeAsync(() =>
        {
            context.Room = RoomFor(RoomRole.Member, archived: true);
            rows.Instance.Refresh();
        });

        ActionNames(rows.ByRole("article")).ShouldNotContain("Edit message");
    }
}
