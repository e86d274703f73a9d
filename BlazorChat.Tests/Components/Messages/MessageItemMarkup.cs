using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>A message renders as an article with its author, a machine-readable time and the stored HTML.</summary>
public sealed class MessageItemMarkup : IAsyncDisposable
{
    private readonly ComponentRenderer _renderer = new();

    private Task<AngleSharp.Dom.IElement> RenderAsync(Core.Messages.MessageView message, bool continuesGroup = false) =>
        _renderer.RenderAsync<MessageItem>(new()
        {
            [nameof(MessageItem.Message)] = message,
            [nameof(MessageItem.LocalTime)] = message.CreatedAt.ToOffset(TimeSpan.FromHours(13)),
            [nameof(MessageItem.ContinuesGroup)] = continuesGroup,
        });

    [Fact]
    public async Task A_message_is_an_article_with_author_time_and_body()
    {
        var message = View(7, at: new DateTimeOffset(2025, 1, 10, 10, 30, 15, TimeSpan.Zero),
            html: "<p>hello <strong>world</strong></p>");

        var body = await RenderAsync(message);

        var article = body.QuerySelector("article").ShouldNotBeNull();
        article.GetAttribute("data-seq").ShouldBe("7");
        article.QuerySelector("header").ShouldNotBeNull().NormalizedText().ShouldContain("Ada Lovelace");
        var time = article.QuerySelector("time").ShouldNotBeNull();
        DateTimeOffset.Parse(time.GetAttribute("datetime")!).ShouldBe(message.CreatedAt);
        time.GetAttribute("datetime").ShouldBe("2025-01-10T10:30:15.0000000+00:00");
        time.TextContent.ShouldBe("23:30"); // the local time it was given (UTC+13)
        article.QuerySelector(".message-body strong").ShouldNotBeNull().TextContent.ShouldBe("world");
        article.QuerySelector(".message-body")!.NormalizedText().ShouldBe("hello world");
    }

    [Fact]
    public async Task A_deleted_message_shows_a_tombstone_instead_of_its_body()
    {
        var message = View(3, html: "<p>what was said</p>", deleted: true);

        var article = (await RenderAsync(message)).QuerySelector("article").ShouldNotBeNull();

        article.NormalizedText().ShouldContain("message deleted");
        article.NormalizedText().ShouldNotContain("what was said");
        article.QuerySelector("p:not(.tombstone)").ShouldBeNull();
        article.ClassList.ShouldContain("deleted");
    }

    [Fact]
    public async Task A_message_continuing_a_group_keeps_its_author_for_screen_readers_only()
    {
        var article = (await RenderAsync(View(4), continuesGroup: true)).QuerySelector("article").ShouldNotBeNull();

        var header = article.QuerySelector("header").ShouldNotBeNull();
        header.ClassList.ShouldContain("visually-hidden");
        header.NormalizedText().ShouldContain("Ada Lovelace");
        header.QuerySelector("time").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_message_starting_a_group_shows_its_header()
    {
        var article = (await RenderAsync(View(4), continuesGroup: false)).QuerySelector("article").ShouldNotBeNull();

        article.QuerySelector("header").ShouldNotBeNull().ClassList.ShouldNotContain("visually-hidden");
    }

    [Fact]
    public async Task An_edited_message_says_so()
    {
        var edited = View(5) with { EditedAt = Noon.AddHours(1) };

        (await RenderAsync(edited)).QuerySelector("article").ShouldNotBeNull().NormalizedText().ShouldContain("(edited)");
        (await RenderAsync(View(6))).QuerySelector("article").ShouldNotBeNull().NormalizedText().ShouldNotContain("edited");
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
