using AngleSharp.Dom;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;
using BlazorChat.Web.Components.Messages;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// A message in a room shows its reactions, quote, thread summary and edit mark, and offers
/// exactly the actions its viewer may take, under the names of the test contract.
/// </summary>
public sealed class MessageItemActions : IAsyncDisposable
{
    private static readonly string[] ContractNames = ["Add reaction", "Reply in thread", "Edit message", "Delete message", "More actions"];

    // The action bar injects the JavaScript runtime (it calls none while rendering statically).
    private readonly ComponentRenderer _renderer = new(services => services.AddSingleton<IJSRuntime, StaticJSRuntime>());

    private static RoomView RoomFor(RoomRole? role, bool archived = false) =>
        new(MessageViews.Room, "general", "General", "", RoomKind.PublicChannel, archived, 10, role, 10);

    private async Task<IElement> RenderAsync(MessageView message, Guid viewer, RoomRole? role = RoomRole.Member, bool archived = false,
        MessagePlacement placement = MessagePlacement.Timeline, bool focused = false)
    {
        var context = new MessageContext(viewer, RoomFor(role, archived), new ViewerClock(), new NoMessageActions());
        RenderFragment item = builder =>
        {
            builder.OpenComponent<MessageItem>(0);
            builder.AddComponentParameter(1, nameof(MessageItem.Message), message);
            builder.AddComponentParameter(2, nameof(MessageItem.LocalTime), message.CreatedAt);
            builder.AddComponentParameter(3, nameof(MessageItem.Placement), placement);
            builder.AddComponentParameter(4, nameof(MessageItem.IsFocused), focused);
            builder.CloseComponent();
        };
        var body = await _renderer.RenderAsync<CascadingValue<MessageContext>>(new()
        {
            [nameof(CascadingValue<MessageContext>.Value)] = context,
            [nameof(CascadingValue<MessageContext>.ChildContent)] = item,
        });
        return body.QuerySelector("article").ShouldNotBeNull();
    }

    private static List<string> ActionNames(IElement article) =>
        [.. article.QuerySelectorAll("[aria-label='Message actions'] button").Select(b => b.GetAttribute("aria-label")!)];

    [Fact]
    public async Task The_author_is_offered_every_action()
    {
        ActionNames(await RenderAsync(View(1, Ada), viewer: Ada)).ShouldBe(ContractNames);
    }

    [Fact]
    public async Task A_member_cannot_edit_or_delete_someone_elses_message()
    {
        ActionNames(await RenderAsync(View(1, Ada), viewer: Bob)).ShouldBe(["Add reaction", "Reply in thread", "More actions"]);
    }

    [Fact]
    public async Task A_moderator_may_delete_but_not_edit_someone_elses_message()
    {
        ActionNames(await RenderAsync(View(1, Ada), viewer: Bob, role: RoomRole.Moderator))
            .ShouldBe(["Add reaction", "Reply in thread", "Delete message", "More actions"]);
    }

    [Fact]
    public async Task A_reader_who_has_not_joined_and_an_archived_room_offer_only_more_actions()
    {
        ActionNames(await RenderAsync(View(1, Ada), viewer: Bob, role: null)).ShouldBe(["More actions"]);
        ActionNames(await RenderAsync(View(1, Ada), viewer: Ada, archived: true)).ShouldBe(["More actions"]);
    }

    [Fact]
    public async Task A_thread_reply_in_the_thread_panel_has_no_reply_action_and_no_summary()
    {
        var article = await RenderAsync(View(1, Ada) with { ReplyCount = 2, LastReplyAt = Noon }, viewer: Ada, placement: MessagePlacement.Thread);

        ActionNames(article).ShouldNotContain("Reply in thread");
        article.QuerySelector(".thread-summary").ShouldBeNull();
    }

    [Fact]
    public async Task Action_buttons_are_reachable_by_keyboard_and_hidden_only_visually()
    {
        var article = await RenderAsync(View(1, Ada), viewer: Ada);

        foreach (var button in article.QuerySelectorAll("[aria-label='Message actions'] button"))
        {
            button.GetAttribute("tabindex").ShouldBeNull();
            button.HasAttribute("hidden").ShouldBeFalse();
            button.GetAttribute("type").ShouldBe("button");
        }
    }

    [Fact]
    public async Task Reaction_chips_show_emoji_and_count_and_say_who_reacted()
    {
        var message = View(1, Ada) with
        {
            Reactions = [new ReactionGroup("👍", [Ada, Bob], ["Ada Lovelace", "Bob Builder"]), new ReactionGroup("🎉", [Bob], ["Bob Builder"])],
        };

        var chips = (await RenderAsync(message, viewer: Ada)).QuerySelectorAll(".reactions button").ToList();

        chips.Select(c => c.NormalizedText()).ShouldBe(["👍 2", "🎉 1"]);
        chips.Select(c => c.GetAttribute("aria-pressed")).ShouldBe(["true", "false"]);
        chips[0].GetAttribute("title").ShouldBe("Ada Lovelace and Bob Builder reacted with 👍");
    }

    [Fact]
    public async Task The_edited_mark_opens_the_edit_history()
    {
        var article = await RenderAsync(View(1, Ada) with { EditedAt = Noon.AddHours(1) }, viewer: Bob);

        var mark = article.QuerySelector("button.message-edited").ShouldNotBeNull();
        mark.GetAttribute("aria-label").ShouldBe("Show edit history");
        mark.TextContent.ShouldBe("(edited)");
    }

    [Fact]
    public async Task A_deleted_message_offers_nothing_and_shows_no_reactions()
    {
        var message = View(1, Ada, deleted: true) with { IsRemovedByModerator = true, Reactions = [] };

        var article = await RenderAsync(message, viewer: Ada, role: RoomRole.Owner);

        ActionNames(article).ShouldBeEmpty();
        article.QuerySelector(".reactions").ShouldBeNull();
        article.QuerySelector(".tombstone").ShouldNotBeNull().TextContent.ShouldBe("message deleted by a moderator");
    }

    [Fact]
    public async Task A_thread_root_shows_how_many_replies_and_when_the_last_came()
    {
        var article = await RenderAsync(View(1, Ada) with { ReplyCount = 3, LastReplyAt = Noon.AddMinutes(45) }, viewer: Bob);

        var summary = article.QuerySelector("button.thread-summary").ShouldNotBeNull();
        summary.NormalizedText().ShouldBe("3 replies Last reply 12:45");
    }

    [Fact]
    public async Task A_quote_reply_shows_who_and_what_it_quotes()
    {
        var quoted = View(2, Bob) with { Quote = new QuotedMessage(Guid.NewGuid(), 1, "Ada Lovelace", "The engine weaves algebraic patterns", false) };
        var gone = View(3, Bob) with { Quote = new QuotedMessage(Guid.NewGuid(), 1, "Ada Lovelace", "", true) };

        var quote = (await RenderAsync(quoted, viewer: Bob)).QuerySelector("blockquote.message-quote").ShouldNotBeNull();
        quote.NormalizedText().ShouldBe("Ada Lovelace The engine weaves algebraic patterns");
        (await RenderAsync(gone, viewer: Bob)).QuerySelector("blockquote.message-quote").ShouldNotBeNull().NormalizedText().ShouldBe("Ada Lovelace message deleted");
    }

    [Fact]
    public async Task A_deep_linked_message_is_highlighted_and_marked_current()
    {
        var article = await RenderAsync(View(7, Ada), viewer: Bob, focused: true);

        article.ClassList.ShouldContain("focused");
        article.GetAttribute("aria-current").ShouldBe("true");
        (await RenderAsync(View(8, Ada), viewer: Bob)).HasAttribute("aria-current").ShouldBeFalse();
    }

    [Fact]
    public async Task Every_corpus_payload_renders_inert_in_a_message_and_in_a_quote()
    {
        var markdown = new MarkdownRenderer();
        var mentioned = new MentionSet(new HashSet<string> { "alice" }, Room: true);
        foreach (var payload in XssCorpus.With("alice"))
        {
            var message = View(1, Ada, html: markdown.Render(payload, mentioned)) with
            {
                Quote = new QuotedMessage(Guid.NewGuid(), 1, payload, markdown.ToPlainText(payload, QuotedMessage.SnippetLength), false),
            };
            var article = await RenderAsync(message, viewer: Bob);
            XssCorpus.ShouldBeInert(article.QuerySelector(".message-body").ShouldNotBeNull(), payload);
            XssCorpus.ShouldBeInert(article.QuerySelector(".message-quote").ShouldNotBeNull(), payload);
            var header = article.QuerySelector("header").ShouldNotBeNull();
            // The author's picture (a URL made of their id), the name as text, the time.
            header.QuerySelectorAll("*").Select(e => e.LocalName).ShouldBe(["img", "span", "time"]);
            header.QuerySelector("img").ShouldNotBeNull().GetAttribute("src").ShouldBe($"avatars/{Ada:N}?v=default");
        }
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
