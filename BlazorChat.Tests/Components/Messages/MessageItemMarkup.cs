using AngleSharp.Dom;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>A message renders as an article with its author, a machine-readable time and the stored HTML.</summary>
public sealed class MessageItemMarkup : ComponentTest
{
    private IElement Show(Core.Messages.MessageView message, bool continuesGroup = false) =>
        Render<MessageItem>(p => p
            .Add(m => m.Message, message)
            .Add(m => m.LocalTime, message.CreatedAt.ToOffset(TimeSpan.FromHours(13)))
            .Add(m => m.ContinuesGroup, continuesGroup))
        .ByRole("article");

    [Fact]
    public void A_message_is_an_article_with_author_time_and_body()
    {
        var message = View(7, at: new DateTimeOffset(2025, 1, 10, 10, 30, 15, TimeSpan.Zero),
            html: "<p>hello <strong>world</strong></p>");

        var article = Show(message);

        article.GetAttribute("data-seq").ShouldBe("7");
        article.QuerySelector("header").ShouldNotBeNull().ReadText().ShouldContain("Ada Lovelace");
        var time = article.QuerySelector("time").ShouldNotBeNull();
        DateTimeOffset.Parse(time.GetAttribute("datetime")!).ShouldBe(message.CreatedAt);
        time.GetAttribute("datetime").ShouldBe("2025-01-10T10:30:15.0000000+00:00");
        time.TextContent.ShouldBe("23:30"); // the local time it was given (UTC+13)
        var body = article.QuerySelector(".message-body").ShouldNotBeNull();
        body.QuerySelector("strong").ShouldNotBeNull().TextContent.ShouldBe("world");
        body.ReadText().ShouldBe("hello world");
    }

    [Fact]
    public void A_deleted_message_shows_a_tombstone_instead_of_its_body()
    {
        var article = Show(View(3, html: "<p>what was said</p>", deleted: true));

        article.ReadText().ShouldContain("message deleted");
        article.ReadText().ShouldNotContain("what was said");
        article.QuerySelector("p:not(.tombstone)").ShouldBeNull();
        article.ClassList.ShouldContain("deleted");
    }

    [Fact]
    public void A_message_continuing_a_group_keeps_its_author_for_screen_readers_only()
    {
        var header = Show(View(4), continuesGroup: true).QuerySelector("header").ShouldNotBeNull();

        header.ClassList.ShouldContain("visually-hidden");
        header.ReadText().ShouldContain("Ada Lovelace");
        header.QuerySelector("time").ShouldNotBeNull();
    }

    [Fact]
    public void A_message_starting_a_group_shows_its_header()
    {
        Show(View(4), continuesGroup: false).QuerySelector("header").ShouldNotBeNull().ClassList.ShouldNotContain("visually-hidden");
    }

    [Fact]
    public void An_edited_message_says_so()
    {
        Show(View(5) with { EditedAt = Noon.AddHours(1) }).ReadText().ShouldContain("(edited)");
        Show(View(6)).ReadText().ShouldNotContain("edited");
    }
}
