using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>A retried send (same client message id) returns the stored message instead of storing another.</summary>
public abstract class IdempotentSending(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Sending_twice_with_the_same_client_id_stores_one_message()
    {
        var (room, owner) = await Host.CreateChannelAsync("Retries");
        var clientId = Guid.NewGuid();

        var first = await Host.Messages.SendAsync(owner.Id, room.Id, clientId, "only once");
        var retry = await Host.Messages.SendAsync(owner.Id, room.Id, clientId, "only once");

        retry.Id.ShouldBe(first.Id);
        retry.Seq.ShouldBe(first.Seq);
        var stored = await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0);
        stored.Select(m => m.Id).ShouldBe([first.Id]);
    }

    [Fact]
    public async Task Concurrent_sends_with_the_same_client_id_store_one_message()
    {
        var (room, owner) = await Host.CreateChannelAsync("Racing retries");
        var clientId = Guid.NewGuid();

        var sent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            Host.Messages.SendAsync(owner.Id, room.Id, clientId, "sent from five tabs"))));

        sent.Select(m => m.Id).Distinct().ShouldHaveSingleItem();
        var stored = await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0);
        stored.ShouldHaveSingleItem().Seq.ShouldBe(1);
        // The losing sends gave their sequence numbers back: the next message follows without a gap.
        (await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "next")).Seq.ShouldBe(2);
    }

    [Fact]
    public async Task Two_authors_using_the_same_client_id_store_two_messages()
    {
        var (room, owner) = await Host.CreateChannelAsync("Shared ids");
        var other = await Host.CreateUserAsync();
        await Host.Rooms.JoinAsync(other.Id, room.Id);
        var clientId = Guid.NewGuid();

        var mine = await Host.Messages.SendAsync(owner.Id, room.Id, clientId, "mine");
        var theirs = await Host.Messages.SendAsync(other.Id, room.Id, clientId, "theirs");

        theirs.Id.ShouldNotBe(mine.Id);
        (await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0)).Count.ShouldBe(2);
    }
}

public sealed class IdempotentSending_on_Sqlite(SqliteChatHost fixture) : IdempotentSending(fixture), IClassFixture<SqliteChatHost>;

public sealed class IdempotentSending_on_Postgres(PostgresChatHost fixture) : IdempotentSending(fixture), IClassFixture<PostgresChatHost>;
