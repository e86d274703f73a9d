using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>History is read in keyset pages by sequence number, each page oldest first.</summary>
public sealed class HistoryPaging(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private async Task<(RoomView Room, ChatUser Owner)> RoomWithMessagesAsync(int count)
    {
        var (room, owner) = await Host.CreateChannelAsync("History");
        for (var i = 1; i <= count; i++)
            await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), $"message {i}");
        return (room, owner);
    }

    private static IEnumerable<long> Seqs(IEnumerable<MessageView> page) => page.Select(m => m.Seq);

    [Fact]
    public async Task GetBefore_returns_the_messages_just_below_the_given_seq_oldest_first()
    {
        var (room, owner) = await RoomWithMessagesAsync(12);

        var page = await Host.Messages.GetBeforeAsync(owner.Id, room.Id, beforeSeq: 8, limit: 3);

        Seqs(page).ShouldBe([5, 6, 7]);
        page.Select(m => m.BodyHtml).ShouldBe(["<p>message 5</p>", "<p>message 6</p>", "<p>message 7</p>"]);
    }

    [Fact]
    public async Task GetBefore_near_the_start_returns_only_what_exists()
    {
        var (room, owner) = await RoomWithMessagesAsync(12);

        Seqs(await Host.Messages.GetBeforeAsync(owner.Id, room.Id, beforeSeq: 3, limit: 5)).ShouldBe([1, 2]);
        (await Host.Messages.GetBeforeAsync(owner.Id, room.Id, beforeSeq: 1, limit: 5)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAfter_returns_the_messages_just_above_the_given_seq_oldest_first()
    {
        var (room, owner) = await RoomWithMessagesAsync(12);

        Seqs(await Host.Messages.GetAfterAsync(owner.Id, room.Id, afterSeq: 4, limit: 3)).ShouldBe([5, 6, 7]);
        Seqs(await Host.Messages.GetAfterAsync(owner.Id, room.Id, afterSeq: 10)).ShouldBe([11, 12]);
        (await Host.Messages.GetAfterAsync(owner.Id, room.Id, afterSeq: 12)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetLatest_returns_the_newest_page_oldest_first()
    {
        var (room, owner) = await RoomWithMessagesAsync(12);

        Seqs(await Host.Messages.GetLatestAsync(owner.Id, room.Id, limit: 5)).ShouldBe([8, 9, 10, 11, 12]);
    }

    [Fact]
    public async Task Paging_back_from_the_newest_page_visits_every_message_once()
    {
        var (room, owner) = await RoomWithMessagesAsync(12);

        var seen = new List<long>();
        var page = await Host.Messages.GetLatestAsync(owner.Id, room.Id, limit: 5);
        while (page.Count > 0)
        {
            seen.InsertRange(0, Seqs(page));
            page = await Host.Messages.GetBeforeAsync(owner.Id, room.Id, page[0].Seq, limit: 5);
        }

        seen.ShouldBe(Enumerable.Range(1, 12).Select(i => (long)i));
    }

    [Fact]
    public async Task Messages_in_other_rooms_never_appear_in_a_page()
    {
        var (room, owner) = await RoomWithMessagesAsync(3);
        var other = await Host.Rooms.CreateChannelAsync(owner.Id, "Elsewhere", null, isPrivate: false);
        await Host.Messages.SendAsync(owner.Id, other.Id, Guid.NewGuid(), "elsewhere");

        var page = await Host.Messages.GetLatestAsync(owner.Id, room.Id);

        page.ShouldAllBe(m => m.RoomId == room.Id);
        Seqs(page).ShouldBe([1, 2, 3]);
    }
}
