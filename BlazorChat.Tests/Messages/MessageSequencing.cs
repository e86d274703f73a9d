using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Every message gets the next per-room sequence number: from 1, without gaps, even under concurrency.</summary>
public abstract class MessageSequencing(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Sequence_numbers_start_at_one_and_have_no_gaps()
    {
        var (room, owner) = await Host.CreateChannelAsync("Sequencing");

        var sent = new List<long>();
        for (var i = 1; i <= 3; i++)
            sent.Add((await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), $"message {i}")).Seq);

        sent.ShouldBe([1, 2, 3]);
        var reopened = await Host.Rooms.OpenAsync(owner.Id, room.Slug);
        reopened.LastSeq.ShouldBe(3);
    }

    [Fact]
    public async Task Each_room_numbers_its_messages_independently()
    {
        var (first, owner) = await Host.CreateChannelAsync("Independent one");
        var second = await Host.Rooms.CreateChannelAsync(owner.Id, "Independent two", null, isPrivate: false);

        var seqs = new List<(string Room, long Seq)>();
        foreach (var target in new[] { first, second, first, first, second })
        {
            var message = await Host.Messages.SendAsync(owner.Id, target.Id, Guid.NewGuid(), "hello");
            seqs.Add((target == first ? "first" : "second", message.Seq));
        }

        seqs.ShouldBe([("first", 1), ("second", 1), ("first", 2), ("first", 3), ("second", 2)]);
    }

    [Fact]
    public async Task Concurrent_sends_into_one_room_get_every_number_exactly_once()
    {
        var (room, owner) = await Host.CreateChannelAsync("Busy room");
        var senders = new List<Guid> { owner.Id };
        for (var i = 0; i < 4; i++)
        {
            var member = await Host.CreateUserAsync("sender");
            await Host.Rooms.JoinAsync(member.Id, room.Id);
            senders.Add(member.Id);
        }

        // 50 sends from 5 people at once; they queue on the room's sequence counter.
        var sends = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            Host.Messages.SendAsync(senders[i % senders.Count], room.Id, Guid.NewGuid(), $"burst {i}")));
        var sent = await Task.WhenAll(sends);

        sent.Select(m => m.Seq).Order().ShouldBe(Enumerable.Range(1, 50).Select(i => (long)i));
        var stored = await Host.Messages.GetAfterAsync(owner.Id, room.Id, afterSeq: 0, limit: 500);
        stored.Select(m => m.Seq).ShouldBe(Enumerable.Range(1, 50).Select(i => (long)i));
        stored.Select(m => m.Id).ShouldBe(sent.OrderBy(m => m.Seq).Select(m => m.Id));
        (await Host.Rooms.OpenAsync(owner.Id, room.Slug)).LastSeq.ShouldBe(50);
    }
}

public sealed class MessageSequencing_on_Sqlite(SqliteChatHost fixture) : MessageSequencing(fixture), IClassFixture<SqliteChatHost>;

public sealed class MessageSequencing_on_Postgres(PostgresChatHost fixture) : MessageSequencing(fixture), IClassFixture<PostgresChatHost>;
