using AngleSharp.Dom;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;
using BlazorChat.Web.Components.Messages;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// A message in a room shows its reactions, quote, thread summary and edit mark, and offers
/// exactly the actions its viewer may take, under the names of the test contract.
/// </summary>
public sealed class MessageItemActions : MessageTest
{
    private static readonly string[] ContractNames = ["Add reaction", "Reply in thread", "Edit message", "Delete message", "More actions"];

    private IElement Show(MessageView message, Guid viewer, RoomRole? role = RoomRole.Member, bool archived = false,
        MessagePlacement placement = MessagePlacement.Timeline, bool focused = false) =>
        ShowInRoom(message, viewer, new NoMessageActions(), role, archived, placement, focused).ByRole("article");

    [Fact]
    public void The_author_is_offered_every_action()
    {
        ActionNames(Show(View(1, Ada), viewer: Ada)).ShouldBe(ContractNames);
    }

    [Fact]
    public void A_member_cannot_edit_or_delete_someone_elses_message()
    {
        ActionNames(Show(View(1, Ada), viewer: Bob)).ShouldBe(["Add reaction", "Reply in thread", "More actions"]);
    }

    [Fact]
    public void A_moderator_may_delete_but_not_edit_someone_elses_message()
    {
        ActionNames(Show(View(1, Ada), viewer: Bob, role: RoomRole.Moderator))
            .ShouldBe(["Add reaction", "Reply in thread", "Delete message", "More actions"]);
    }

    [Fact]
    public void A_reader_who_has_not_joined_and_an_archived_room_offer_only_more_actions()
    {
        ActionNames(Show(View(1, Ada), viewer: Bob, role: null)).ShouldBe(["More actions"]);
        ActionNames(Show(View(1, Ada), viewer: Ada, archived: true)).ShouldBe(["More actions"]);
    }

    [Fact]
    public void A_thread_reply_in_the_thread_panel_has_no_reply_action_and_no_summary()
    {
        var article = Show(View(1, Ada) with { ReplyCount = 2, LastReplyAt = Noon }, viewer: Ada, placement: MessagePlacement.Thread);

        ActionNames(article).ShouldNotContain("Reply in thread");
        article.ReadText().ShouldNotContain("2 replies");
    }

    [Fact]
    public void Action_buttons_are_reachable_by_keyboard_and_hidden_only_visually()
    {
        var article = Show(View(1, Ada), viewer: Ada);

        var buttons = article.ByRole("group", "Message actions").AllByRole("button");
        buttons.Count.ShouldBe(ContractNames.Length);
        foreach (var button in buttons)
        {
            button.GetAttribute("tabindex").ShouldBeNull();
            button.HasAttribute("hidden").ShouldBeFalse();
            button.GetAttribute("aria-hidden").ShouldBeNull();
            button.GetAttribute("type").ShouldBe("button");
            button.CannotBeUsed().ShouldBeFalse();
        }
    }

    [Fact]
    public void Reaction_chips_show_emoji_and_count_and_say_who_reacted()
    {
        var message = View(1, Ada) with
        {
            Reactions = [new ReactionGroup("👍", [Ada, Bob], ["Ada Lovelace", "Bob Builder"]), new ReactionGroup("🎉", [Bob], ["Bob Builder"])],
        };

        var article = Show(message, viewer: Ada);

        // The chips are the toggle buttons (aria-pressed) outside the action bar.
        var chips = article.AllByRole("button").Where(b => b.HasAttribute("aria-pressed")).ToList();
        chips.Select(c => c.ReadText()).ShouldBe(["👍 2", "🎉 1"]);
        chips.Select(c => c.GetAttribute("aria-pressed")).ShouldBe(["true", "false"]);
        chips[0].GetAttribute("title").ShouldBe("Ada Lovelace and Bob Builder reacted with 👍");
    }

    [Fact]
    public void The_edited_mark_opens_the_edit_history()
    {
        var mark = Show(View(1, Ada) with { EditedAt = Noon.AddHours(1) }, viewer: Bob).ByRole("button", "Show edit history");

        mark.ReadText().ShouldBe("(edited)");
    }

    [Fact]
    public void A_deleted_message_offers_nothing_and_shows_no_reactions()
    {
        var message = View(1, Ada, deleted: true) with { IsRemovedByModerator = true, Reactions = [] };

        var article = Show(message, viewer: Ada, role: RoomRole.Owner);

        ActionNames(article).ShouldBeEmpty();
        article.AllByRole("button").Where(b => b.HasAttribute("aria-pressed")).ShouldBeEmpty();
        article.ReadText().ShouldContain("message deleted by a moderator");
        article.ReadText().ShouldNotContain("message 1");
    }

    [Fact]
    public void A_thread_root_shows_how_many_replies_and_when_the_last_came()
    {
        var article = Show(View(1, Ada) with { ReplyCount = 3, LastReplyAt = Noon.AddMinutes(45) }, viewer: Bob);

        article.ByRole("button", "3 replies Last reply 12:45").ShouldNotBeNull();
    }

    [Fact]
    public void A_quote_reply_shows_who_and_what_it_quotes()
    {
        var quoted = View(2, Bob) with { Quote = new QuotedMessage(Guid.NewGuid(), 1, "Ada Lovelace", "The engine weaves algebraic patterns", false) };
        var gone = View(3, Bob) with { Quote = new QuotedMessage(Guid.NewGuid(), 1, "Ada Lovelace", "", true) };

        Show(quoted, viewer: Bob).ByRole("blockquote", "Quoting Ada Lovelace").ReadText().ShouldBe("Ada Lovelace The engine weaves algebraic patterns");
        Show(gone, viewer: Bob).ByRole("blockquote", "Quoting Ada Lovelace").ReadText().ShouldBe("Ada Lovelace message deleted");
    }

    [Fact]
    public void A_deep_linked_message_is_highlighted_and_marked_current()
    {
        var article = Show(View(7, Ada), viewer: Bob, focused: true);

        article.ClassList.ShouldContain("focused");
        article.GetAttribute("aria-current").ShouldBe("true");
        Show(View(8, Ada), viewer: Bob).HasAttribute("aria-current").ShouldBeFalse();
    }

    [Fact]
    public void Every_corpus_payload_renders_inert_in_a_message_and_in_a_quote()
    {
        var markdown = new MarkdownRenderer();
        var mentioned = new MentionSet(new HashSet<string> { "alice" }, Room: true);
        foreach (var payload in XssCorpus.With("alice"))
        {
            var message = View(1, Ada, html: markdown.Render(payload, mentioned)) with
            {
                Quote = new QuotedMessage(Guid.NewGuid(), 1, payload, markdown.ToPlainText(payload, QuotedMessage.SnippetLength), false),
            };
            var article = Show(message, viewer: Bob);
            XssCorpus.ShouldBeInert(article.QuerySelector(".message-body").ShouldNotBeNull(), payload);
            XssCorpus.ShouldBeInert(article.QuerySelector(".message-quote").ShouldNotBeNull(), payload);
            var header = article.QuerySelector("header").ShouldNotBeNull();
            // The author's picture (a URL made of their id), the name as text, the time.
            header.QuerySelectorAll("*").Select(e => e.LocalName).ShouldBe(["img", "span", "time"]);
            header.QuerySelector("img").ShouldNotBeNull().GetAttribute("src").ShouldBe($"avatars/{Ada:N}?v=default");
        }
    }
}
