using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Room moderators and up pin messages for everyone; any reader saves messages for themselves.</summary>
public abstract class PinsAndSavedMessages(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task A_moderator_pins_and_unpins_and_everyone_sees_the_pinned_list()
    {
        var team = await Host.CreateTeamRoomAsync("Pins");
        var first = await Host.SayAsync(team.Member, team.Id, "rule one");
        var second = await Host.SayAsync(team.Member, team.Id, "rule two");
        using var events = Host.Record(Topics.Room(team.Id));

        (await Host.Pins().PinAsync(team.Moderator.Id, first.Id)).IsPinned.ShouldBeTrue();
        await Host.Pins().PinAsync(team.Owner.Id, second.Id);

        (await Host.Pins().GetPinnedAsync(team.Outsider.Id, team.Id)).Select(m => m.Id).ShouldBe([second.Id, first.Id]);
        events.Of<MessageChanged>().Select(e => e.Message.Id).ShouldBe([first.Id, second.Id]);

        (await Host.Pins().UnpinAsync(team.Moderator.Id, second.Id)).IsPinned.ShouldBeFalse();
        (await Host.Pins().GetPinnedAsync(team.Member.Id, team.Id)).Select(m => m.Id).ShouldBe([first.Id]);
    }

    [Fact]
    public async Task A_member_cannot_pin_or_unpin()
    {
        var team = await Host.CreateTeamRoomAsync("Member pins");
        var sent = await Host.SayAsync(team.Member, team.Id, "pin me");
        var pinned = await Host.SayAsync(team.Member, team.Id, "already pinned");
        await Host.Pins().PinAsync(team.Moderator.Id, pinned.Id);

        (await Should.ThrowAsync<ChatForbiddenException>(() => Host.Pins().PinAsync(team.Member.Id, sent.Id))).Message.ShouldContain("moderators");
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Pins().UnpinAsync(team.Member.Id, pinned.Id));

        (await Host.Pins().GetPinnedAsync(team.Member.Id, team.Id)).Select(m => m.Id).ShouldBe([pinned.Id]);
    }

    [Fact]
    public async Task Pins_do_not_change_in_an_archived_room()
    {
        var team = await Host.CreateTeamRoomAsync("Archived pins");
        var sent = await Host.SayAsync(team.Member, team.Id, "frozen");
        await Host.ArchiveAsync(team.Id);

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Pins().PinAsync(team.Owner.Id, sent.Id));
        (await Host.StoredAsync(sent.Id)).PinnedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Pins_of_a_private_room_are_hidden_from_outsiders()
    {
        var team = await Host.CreateTeamRoomAsync("Private pins", isPrivate: true);

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Pins().GetPinnedAsync(team.Outsider.Id, team.Id));
    }

    [Fact]
    public async Task Any_reader_saves_a_message_and_finds_it_in_their_saved_list()
    {
        var team = await Host.CreateTeamRoomAsync("Saving");
        var sent = await Host.SayAsync(team.Member, team.Id, "useful link");
        using var events = Host.Record(Topics.User(team.Outsider.Id));

        // Someone reading a public channel without joining may save too.
        await Host.Saved().SaveAsync(team.Outsider.Id, sent.Id);
        await Host.Saved().SaveAsync(team.Outsider.Id, sent.Id);

        var saved = (await Host.Saved().GetSavedAsync(team.Outsider.Id)).ShouldHaveSingleItem();
        saved.Message.Id.ShouldBe(sent.Id);
        saved.RoomName.ShouldBe(team.Room.Name);
        (await Host.Saved().GetSavedIdsAsync(team.Outsider.Id, team.Id)).ShouldBe([sent.Id]);
        (await Host.Saved().GetSavedAsync(team.Member.Id)).ShouldBeEmpty();
        events.Of<SavedMessagesChanged>().ShouldHaveSingleItem().IsSaved.ShouldBeTrue();
    }

    [Fact]
    public async Task Unsaving_removes_the_message_from_the_list()
    {
        var team = await Host.CreateTeamRoomAsync("Unsaving");
        var sent = await Host.SayAsync(team.Member, team.Id, "temporary");
        await Host.Saved().SaveAsync(team.Member.Id, sent.Id);

        await Host.Saved().UnsaveAsync(team.Member.Id, sent.Id);

        (await Host.Saved().GetSavedAsync(team.Member.Id)).ShouldBeEmpty();
        (await Host.Saved().GetSavedIdsAsync(team.Member.Id, team.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Saved_messages_of_rooms_no_longer_readable_are_not_listed()
    {
        var team = await Host.CreateTeamRoomAsync("Saved then removed", isPrivate: true);
        var sent = await Host.SayAsync(team.Owner, team.Id, "inside knowledge");
        await Host.Saved().SaveAsync(team.Member.Id, sent.Id);

        await Host.RemoveMemberAsync(team.Id, team.Member.Id);

        (await Host.Saved().GetSavedAsync(team.Member.Id)).ShouldBeEmpty();
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Saved().SaveAsync(team.Member.Id, sent.Id));
    }

    [Fact]
    public async Task Saved_messages_are_listed_newest_first_in_pages_without_deleted_ones()
    {
        var team = await Host.CreateTeamRoomAsync("Saved pages");
        var sent = new List<MessageView>();
        for (var i = 1; i <= 4; i++)
        {
            sent.Add(await Host.SayAsync(team.Owner, team.Id, $"keeper {i}"));
            await Host.Saved().SaveAsync(team.Member.Id, sent[^1].Id);
        }
        await Host.Editing().DeleteAsync(team.Owner.Id, sent[2].Id);

        var first = await Host.Saved().GetSavedAsync(team.Member.Id, limit: 2);
        var second = await Host.Saved().GetSavedAsync(team.Member.Id, beforeMessageId: first[^1].Message.Id, limit: 2);

        first.Select(s => s.Message.Id).ShouldBe([sent[3].Id, sent[1].Id]);
        second.Select(s => s.Message.Id).ShouldBe([sent[0].Id]);
    }
}

public sealed class PinsAndSavedMessages_on_Sqlite(SqliteChatHost fixture) : PinsAndSavedMessages(fixture), IClassFixture<SqliteChatHost>;

public sealed class PinsAndSavedMessages_on_Postgres(PostgresChatHost fixture) : PinsAndSavedMessages(fixture), IClassFixture<PostgresChatHost>;
