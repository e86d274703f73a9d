using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.ReadState;

/// <summary>Unread and mention counts follow from the read marker and the messages, after any sequence of actions.</summary>
public abstract class UnreadCounting(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;
    private ReadStateService ReadState => Host.Services.GetRequiredService<ReadStateService>();

    private async Task<(RoomView Room, ChatUser Owner, ChatUser Reader)> RoomWithReaderAsync()
    {
        var (room, owner) = await Host.CreateChannelAsync("Unread");
        var reader = await Host.CreateUserAsync("reader");
        await Host.Rooms.JoinAsync(reader.Id, room.Id);
        return (room, owner, reader);
    }

    private Task<MessageView> SayAsync(ChatUser who, RoomView room, string text) =>
        Host.Messages.SendAsync(who.Id, room.Id, Guid.NewGuid(), text);

    [Fact]
    public async Task Other_peoples_messages_count_and_ones_own_do_not()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();

        await SayAsync(reader, room, "mine");
        await SayAsync(owner, room, "one");
        await SayAsync(owner, room, "two");

        (await ReadState.GetUnreadAsync(reader.Id, room.Id)).Unread.ShouldBe(2);
        (await ReadState.GetUnreadAsync(owner.Id, room.Id)).Unread.ShouldBe(0);
    }

    [Fact]
    public async Task Sending_reads_everything_up_to_ones_own_message()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        await SayAsync(owner, room, "one");
        await SayAsync(owner, room, "two");

        await SayAsync(reader, room, "replying");

        (await ReadState.GetUnreadAsync(reader.Id, room.Id)).Unread.ShouldBe(0);
    }

    [Fact]
    public async Task A_newcomer_starts_with_nothing_unread()
    {
        var (room, owner) = await Host.CreateChannelAsync("Old history");
        for (var i = 0; i < 5; i++) await SayAsync(owner, room, $"before {i}");
        var newcomer = await Host.CreateUserAsync("newcomer");

        await Host.Rooms.JoinAsync(newcomer.Id, room.Id);

        (await ReadState.GetUnreadAsync(newcomer.Id, room.Id)).Unread.ShouldBe(0);
        await SayAsync(owner, room, "after");
        (await ReadState.GetUnreadAsync(newcomer.Id, room.Id)).Unread.ShouldBe(1);
    }

    [Fact]
    public async Task Reading_clears_up_to_the_marker_and_the_marker_never_moves_back()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        var first = await SayAsync(owner, room, "one");
        await SayAsync(owner, room, "two");
        var third = await SayAsync(owner, room, "three");

        (await ReadState.MarkReadAsync(reader.Id, room.Id, third.Seq)).ShouldBe(third.Seq);
        (await ReadState.GetUnreadAsync(reader.Id, room.Id)).Unread.ShouldBe(0);

        (await ReadState.MarkReadAsync(reader.Id, room.Id, first.Seq)).ShouldBe(third.Seq);
        (await ReadState.MarkReadAsync(reader.Id, room.Id, third.Seq + 100)).ShouldBe(third.Seq, "never past the last message");
    }

    [Fact]
    public async Task Mark_as_unread_counts_again_from_the_chosen_message()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        await SayAsync(owner, room, "one");
        var second = await SayAsync(owner, room, "two");
        var third = await SayAsync(owner, room, "three");
        await ReadState.MarkReadAsync(reader.Id, room.Id, third.Seq);

        await ReadState.MarkUnreadAsync(reader.Id, room.Id, second.Seq);

        (await ReadState.GetUnreadAsync(reader.Id, room.Id)).Unread.ShouldBe(2);
    }

    [Fact]
    public async Task Deleted_messages_and_thread_replies_do_not_count()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        var root = await SayAsync(owner, room, "root");
        var deleted = await SayAsync(owner, room, "deleted");
        var reply = await SayAsync(owner, room, "reply");
        await using (var db = await Host.DbFactory.CreateDbContextAsync())
        {
            await db.Messages.Where(m => m.Id == deleted.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.DeletedAt, DateTimeOffset.UtcNow));
            await db.Messages.Where(m => m.Id == reply.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ThreadRootId, root.Id));
        }

        (await ReadState.GetUnreadAsync(reader.Id, room.Id)).Unread.ShouldBe(1);
    }

    [Fact]
    public async Task Mentions_of_the_reader_or_the_whole_room_count_separately()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        await SayAsync(owner, room, "plain");
        var named = await SayAsync(owner, room, "for the reader");
        var everyone = await SayAsync(owner, room, "for everyone");
        await using (var db = await Host.DbFactory.CreateDbContextAsync())
        {
            db.Mentions.Add(new Mention { MessageId = named.Id, UserId = reader.Id, RoomId = room.Id });
            await db.SaveChangesAsync();
            await db.Messages.Where(m => m.Id == everyone.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.MentionsRoom, true));
        }

        var counts = await ReadState.GetUnreadAsync(reader.Id, room.Id);
        counts.Unread.ShouldBe(3);
        counts.Mentions.ShouldBe(2);

        await ReadState.MarkReadAsync(reader.Id, room.Id, named.Seq);
        (await ReadState.GetUnreadAsync(reader.Id, room.Id)).Mentions.ShouldBe(1);
    }

    [Fact]
    public async Task All_rooms_are_counted_at_once_for_the_sidebar()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        var (other, otherOwner) = await Host.CreateChannelAsync("Other");
        await Host.Rooms.JoinAsync(reader.Id, other.Id);
        await SayAsync(owner, room, "a");
        await SayAsync(otherOwner, other, "b");
        await SayAsync(otherOwner, other, "c");

        var all = await ReadState.GetUnreadAsync(reader.Id);

        all[room.Id].Unread.ShouldBe(1);
        all[other.Id].Unread.ShouldBe(2);
    }

    [Fact]
    public async Task Someone_outside_the_room_cannot_move_a_marker()
    {
        var (room, owner) = await Host.CreateChannelAsync("Outsiders", isPrivate: true);
        await SayAsync(owner, room, "secret");
        var outsider = await Host.CreateUserAsync("outsider");

        await Should.ThrowAsync<ChatNotFoundException>(() => ReadState.MarkReadAsync(outsider.Id, room.Id, 1));
        await Should.ThrowAsync<ChatNotFoundException>(() => ReadState.GetReceiptsAsync(outsider.Id, room.Id));
    }

    [Fact]
    public async Task Receipts_list_how_far_the_other_members_have_read()
    {
        var (room, owner, reader) = await RoomWithReaderAsync();
        var message = await SayAsync(owner, room, "did you see this?");
        await ReadState.MarkReadAsync(reader.Id, room.Id, message.Seq);

        var receipts = await ReadState.GetReceiptsAsync(owner.Id, room.Id);

        receipts.ShouldHaveSingleItem().ShouldBe(new ReadReceipt(reader.Id, reader.DisplayName, message.Seq));
    }
}

public sealed class UnreadCounting_on_Sqlite(SqliteChatHost fixture) : UnreadCounting(fixture), IClassFixture<SqliteChatHost>;

public sealed class UnreadCounting_on_Postgres(PostgresChatHost fixture) : UnreadCounting(fixture), IClassFixture<PostgresChatHost>;
