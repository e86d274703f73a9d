using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Rooms;

/// <summary>
/// A pair of people has exactly one direct message, found again from either side and even when
/// both open it at the same moment (on both databases, whose unique indexes settle the race).
/// </summary>
public abstract class DirectMessages(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Opening_a_direct_message_twice_from_either_side_gives_the_same_room_with_its_history()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");

        var first = await Host.Rooms.OpenDirectAsync(alice.Id, bob.Id);
        await Host.Messages.SendAsync(alice.Id, first.Id, Guid.NewGuid(), "hi Bob");
        var again = await Host.Rooms.OpenDirectAsync(alice.Id, bob.Id);
        var fromBob = await Host.Rooms.OpenDirectAsync(bob.Id, alice.Id);

        again.Id.ShouldBe(first.Id);
        again.Slug.ShouldBe(first.Slug);
        fromBob.Id.ShouldBe(first.Id);
        first.Slug.ShouldStartWith("dm-");
        (await Host.Messages.GetLatestAsync(bob.Id, fromBob.Id)).ShouldHaveSingleItem().BodyHtml.ShouldBe("<p>hi Bob</p>");
    }

    [Fact]
    public async Task Opening_at_the_same_moment_from_both_sides_makes_one_room()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            i % 2 == 0 ? Host.Rooms.OpenDirectAsync(alice.Id, bob.Id) : Host.Rooms.OpenDirectAsync(bob.Id, alice.Id))));

        opened.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Rooms.CountAsync(r => r.Kind == RoomKind.DirectMessage && r.Members.Any(m => m.UserId == alice.Id))).ShouldBe(1);
        (await db.RoomMembers.CountAsync(m => m.RoomId == opened[0].Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Each_side_sees_the_direct_message_named_after_the_other_person()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");

        var forAlice = await Host.Rooms.OpenDirectAsync(alice.Id, bob.Id);

        forAlice.Name.ShouldBe(bob.DisplayName);
        (await Host.Rooms.OpenAsync(bob.Id, forAlice.Slug)).Name.ShouldBe(alice.DisplayName);
        (await Host.Rooms.ListMineAsync(alice.Id)).ShouldHaveSingleItem().Name.ShouldBe(bob.DisplayName);
        (await Host.Rooms.ListMineAsync(bob.Id)).ShouldHaveSingleItem().Name.ShouldBe(alice.DisplayName);
    }

    [Fact]
    public async Task Both_people_get_the_new_direct_message_in_their_sidebars_once()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");
        using var events = new EventRecorder(Host, Topics.User(alice.Id), Topics.User(bob.Id));

        var room = await Host.Rooms.OpenDirectAsync(alice.Id, bob.Id);
        await Host.Rooms.OpenDirectAsync(bob.Id, alice.Id);

        events.Of<RoomJoined>().Select(e => (e.UserId, e.Room.Id, e.Room.Name, e.Room.Kind)).ShouldBe(
            [(alice.Id, room.Id, bob.DisplayName, RoomKind.DirectMessage), (bob.Id, room.Id, alice.DisplayName, RoomKind.DirectMessage)],
            ignoreOrder: true);
    }

    [Fact]
    public async Task A_direct_message_with_oneself_or_with_nobody_is_refused()
    {
        var alice = await Host.CreateUserAsync("alice");

        (await Should.ThrowAsync<ChatValidationException>(() => Host.Rooms.OpenDirectAsync(alice.Id, alice.Id))).Field.ShouldBe("People");
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.OpenDirectAsync(alice.Id, Guid.NewGuid()));
        (await Host.Rooms.ListMineAsync(alice.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_direct_message_stays_between_its_two_people()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");
        var carol = await Host.CreateUserAsync("carol");
        var room = await Host.Rooms.OpenDirectAsync(alice.Id, bob.Id);
        var before = await RoomState.OfAsync(Host, room.Id);

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Rooms.InviteAsync(alice.Id, room.Id, [carol.Id]));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Rooms.LeaveAsync(alice.Id, room.Id));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Rooms.RemoveMemberAsync(alice.Id, room.Id, bob.Id));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Rooms.DeleteAsync(alice.Id, room.Id));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Rooms.SetArchivedAsync(alice.Id, room.Id, archived: true));
        await Should.ThrowAsync<ChatForbiddenException>(() =>
            Host.Rooms.UpdateSettingsAsync(alice.Id, room.Id, new RoomSettings("Renamed", null, PostingPolicy.Everyone, 2)));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.OpenAsync(carol.Id, room.Slug));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.GetLatestAsync(carol.Id, room.Id));

        (await RoomState.OfAsync(Host, room.Id)).ShouldBe(before);
    }
}

public sealed class DirectMessages_on_Sqlite(SqliteChatHost fixture) : DirectMessages(fixture), IClassFixture<SqliteChatHost>;

public sealed class DirectMessages_on_Postgres(PostgresChatHost fixture) : DirectMessages(fixture), IClassFixture<PostgresChatHost>;
