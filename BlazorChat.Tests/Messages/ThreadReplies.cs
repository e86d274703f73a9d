using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// Thread replies take the room's next sequence number like any message, and their root counts
/// them and knows when the last came, in the same transaction.
/// </summary>
public abstract class ThreadReplies(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    private static SendOptions InThread(MessageView root) => new(ThreadRootId: root.Id);

    [Fact]
    public async Task A_reply_gets_the_next_room_seq_and_the_root_counts_it()
    {
        var team = await Host.CreateTeamRoomAsync("Threads");
        var root = await Host.SayAsync(team.Owner, team.Id, "design review?");

        var reply = await Host.SayAsync(team.Member, team.Id, "yes, at 3", InThread(root));
        await Host.SayAsync(team.Owner, team.Id, "unrelated");

        reply.Seq.ShouldBe(2);
        reply.ThreadRootId.ShouldBe(root.Id);
        reply.IsThreadReply.ShouldBeTrue();
        var history = await Host.Messages.GetAfterAsync(team.Owner.Id, team.Id, 0);
        history.Select(m => m.Seq).ShouldBe([1, 2, 3]);
        history[0].ReplyCount.ShouldBe(1);
        history[0].LastReplyAt.ShouldBe(reply.CreatedAt);
    }

    [Fact]
    public async Task A_thread_is_its_root_and_replies_in_order()
    {
        var team = await Host.CreateTeamRoomAsync("Thread order");
        var root = await Host.SayAsync(team.Owner, team.Id, "question");
        var first = await Host.SayAsync(team.Member, team.Id, "answer one", InThread(root));
        await Host.SayAsync(team.Owner, team.Id, "meanwhile in the room");
        var second = await Host.SayAsync(team.Moderator, team.Id, "answer two", InThread(root));

        var thread = await Host.Messages.GetThreadAsync(team.Outsider.Id, root.Id);

        thread.Root.Id.ShouldBe(root.Id);
        thread.Root.ReplyCount.ShouldBe(2);
        thread.Replies.Select(r => r.Id).ShouldBe([first.Id, second.Id]);
        (await Host.Messages.GetThreadAsync(team.Owner.Id, second.Id)).Root.Id.ShouldBe(root.Id);
    }

    [Fact]
    public async Task A_reply_to_a_reply_goes_to_the_root()
    {
        var team = await Host.CreateTeamRoomAsync("Flat threads");
        var root = await Host.SayAsync(team.Owner, team.Id, "root");
        var reply = await Host.SayAsync(team.Member, team.Id, "reply", InThread(root));

        var nested = await Host.SayAsync(team.Owner, team.Id, "reply to the reply", InThread(reply));

        nested.ThreadRootId.ShouldBe(root.Id);
        (await Host.Messages.GetThreadAsync(team.Owner.Id, root.Id)).Root.ReplyCount.ShouldBe(2);
        (await Host.StoredAsync(reply.Id)).ReplyCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_retried_reply_is_stored_and_counted_once()
    {
        var team = await Host.CreateTeamRoomAsync("Retried replies");
        var root = await Host.SayAsync(team.Owner, team.Id, "root");
        var clientId = Guid.NewGuid();

        var first = await Host.Messages.SendAsync(team.Member.Id, team.Id, clientId, "once", InThread(root));
        var retry = await Host.Messages.SendAsync(team.Member.Id, team.Id, clientId, "once", InThread(root));

        retry.Id.ShouldBe(first.Id);
        (await Host.StoredAsync(root.Id)).ReplyCount.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_replies_are_all_counted()
    {
        var team = await Host.CreateTeamRoomAsync("Busy thread");
        var root = await Host.SayAsync(team.Owner, team.Id, "root");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            Host.SayAsync(i % 2 == 0 ? team.Member : team.Moderator, team.Id, $"reply {i}", InThread(root)))));

        (await Host.StoredAsync(root.Id)).ReplyCount.ShouldBe(12);
        (await Host.Messages.GetThreadAsync(team.Owner.Id, root.Id)).Replies.Select(r => r.Seq).ShouldBe(Enumerable.Range(2, 12).Select(i => (long)i));
    }

    [Fact]
    public async Task A_reply_is_posted_and_its_root_is_published_as_changed()
    {
        var team = await Host.CreateTeamRoomAsync("Live threads");
        var root = await Host.SayAsync(team.Owner, team.Id, "root");
        using var events = Host.Record(Topics.Room(team.Id));

        var reply = await Host.SayAsync(team.Member, team.Id, "reply", InThread(root));

        events.Of<MessagePosted>().ShouldHaveSingleItem().Message.Id.ShouldBe(reply.Id);
        var changed = events.Of<MessageChanged>().ShouldHaveSingleItem().Message;
        changed.Id.ShouldBe(root.Id);
        changed.ReplyCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_thread_in_another_room_or_of_a_deleted_root_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Thread elsewhere");
        var other = await Host.CreateTeamRoomAsync("Other thread room");
        var foreign = await Host.SayAsync(other.Owner, other.Id, "over here");
        var gone = await Host.SayAsync(team.Owner, team.Id, "gone");
        await Host.Editing().DeleteAsync(team.Owner.Id, gone.Id);

        (await Should.ThrowAsync<ChatValidationException>(() => Host.SayAsync(team.Owner, team.Id, "reply", InThread(foreign)))).Field.ShouldBe("ThreadRootId");
        (await Should.ThrowAsync<ChatValidationException>(() => Host.SayAsync(team.Owner, team.Id, "reply", InThread(gone)))).Field.ShouldBe("ThreadRootId");

        (await Host.Rooms.OpenAsync(team.Owner.Id, team.Room.Slug)).LastSeq.ShouldBe(1);
        (await Host.StoredAsync(foreign.Id)).ReplyCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_quote_reply_carries_a_short_plain_text_snippet_of_the_quoted_message()
    {
        var team = await Host.CreateTeamRoomAsync("Quotes");
        var quoted = await Host.SayAsync(team.Member, team.Id, "**Bold** claim with `code` and " + new string('x', 400));

        var reply = await Host.SayAsync(team.Owner, team.Id, "citation needed", new SendOptions(QuotedMessageId: quoted.Id));

        var quote = reply.Quote.ShouldNotBeNull();
        quote.Id.ShouldBe(quoted.Id);
        quote.Seq.ShouldBe(quoted.Seq);
        quote.AuthorDisplayName.ShouldBe(team.Member.DisplayName);
        quote.Snippet.ShouldStartWith("Bold claim with code and xxx");
        quote.Snippet.Length.ShouldBeLessThanOrEqualTo(QuotedMessage.SnippetLength + 1);
        quote.Snippet.ShouldEndWith("…");
    }

    [Fact]
    public async Task A_quote_of_a_message_deleted_later_shows_no_text()
    {
        var team = await Host.CreateTeamRoomAsync("Quote deleted");
        var quoted = await Host.SayAsync(team.Member, team.Id, "hasty words");
        var reply = await Host.SayAsync(team.Owner, team.Id, "really?", new SendOptions(QuotedMessageId: quoted.Id));

        await Host.Editing().DeleteAsync(team.Member.Id, quoted.Id);

        var quote = (await Host.Messages.GetAfterAsync(team.Owner.Id, team.Id, 1)).Single(m => m.Id == reply.Id).Quote.ShouldNotBeNull();
        quote.IsDeleted.ShouldBeTrue();
        quote.Snippet.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_quote_from_another_room_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Quote elsewhere");
        var other = await Host.CreateTeamRoomAsync("Quote source", isPrivate: true);
        var secret = await Host.SayAsync(other.Owner, other.Id, "private words");
        await Host.AddMemberAsync(team.Id, other.Owner.Id);

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.SayAsync(other.Owner, team.Id, "look", new SendOptions(QuotedMessageId: secret.Id)));

        refused.Field.ShouldBe("QuotedMessageId");
        (await Host.Rooms.OpenAsync(team.Owner.Id, team.Room.Slug)).LastSeq.ShouldBe(0);
    }
}

public sealed class ThreadReplies_on_Sqlite(SqliteChatHost fixture) : ThreadReplies(fixture), IClassFixture<SqliteChatHost>;

public sealed class ThreadReplies_on_Postgres(PostgresChatHost fixture) : ThreadReplies(fixture), IClassFixture<PostgresChatHost>;
