using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// Authors delete their own messages; moderators delete anyone's with a reason that is audited.
/// A deleted message stays as a tombstone with its sequence number, so delivery has no gaps.
/// </summary>
public abstract class MessageDeletion(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task The_author_deletes_their_own_message_leaving_a_tombstone()
    {
        var team = await Host.CreateTeamRoomAsync("Own delete");
        await Host.SayAsync(team.Owner, team.Id, "before");
        var sent = await Host.SayAsync(team.Member, team.Id, "regrettable");
        await Host.SayAsync(team.Owner, team.Id, "after");

        var deleted = await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        deleted.IsDeleted.ShouldBeTrue();
        deleted.BodyHtml.ShouldBeEmpty();
        deleted.Body.ShouldBeEmpty();
        deleted.IsRemovedByModerator.ShouldBeFalse();
        var history = await Host.Messages.GetAfterAsync(team.Owner.Id, team.Id, 0);
        history.Select(m => m.Seq).ShouldBe([1, 2, 3]);
        history[1].IsDeleted.ShouldBeTrue();
        history[1].BodyHtml.ShouldBeEmpty();
        (await Host.AuditOfRoomAsync(team.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Messages_after_a_deletion_continue_the_sequence()
    {
        var team = await Host.CreateTeamRoomAsync("Gap free");
        var sent = await Host.SayAsync(team.Member, team.Id, "one");
        await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        (await Host.SayAsync(team.Member, team.Id, "two")).Seq.ShouldBe(2);
    }

    [Fact]
    public async Task A_member_cannot_delete_someone_elses_message()
    {
        var team = await Host.CreateTeamRoomAsync("Not yours to delete");
        var sent = await Host.SayAsync(team.Owner, team.Id, "owner's words");

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().DeleteAsync(team.Member.Id, sent.Id, "I dislike it"));

        refused.Message.ShouldContain("moderators");
        (await Host.StoredAsync(sent.Id)).DeletedAt.ShouldBeNull();
        (await Host.AuditOfRoomAsync(team.Id)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_moderator_must_say_why_they_delete_someone_elses_message(string? reason)
    {
        var team = await Host.CreateTeamRoomAsync("Reasonless");
        var sent = await Host.SayAsync(team.Member, team.Id, "borderline");

        var refused = await Should.ThrowAsync<ChatValidationException>(() => Host.Editing().DeleteAsync(team.Moderator.Id, sent.Id, reason));

        refused.Field.ShouldBe("Reason");
        (await Host.StoredAsync(sent.Id)).DeletedAt.ShouldBeNull();
        (await Host.AuditOfRoomAsync(team.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_moderator_deleting_with_a_reason_is_recorded_with_the_message_and_in_the_audit_log()
    {
        var team = await Host.CreateTeamRoomAsync("Moderated");
        var sent = await Host.SayAsync(team.Member, team.Id, "spam spam spam");

        var deleted = await Host.Editing().DeleteAsync(team.Moderator.Id, sent.Id, "  Spam  ");

        deleted.IsDeleted.ShouldBeTrue();
        deleted.IsRemovedByModerator.ShouldBeTrue();
        var stored = await Host.StoredAsync(sent.Id);
        stored.DeletedById.ShouldBe(team.Moderator.Id);
        stored.DeleteReason.ShouldBe("Spam");
        var entry = (await Host.AuditOfRoomAsync(team.Id)).ShouldHaveSingleItem();
        entry.ActorId.ShouldBe(team.Moderator.Id);
        entry.Action.ShouldBe("message.delete");
        entry.Target.ShouldBe($"message:{sent.Id}");
        entry.Reason.ShouldBe("Spam");
    }

    [Fact]
    public async Task Owners_and_admins_delete_like_moderators()
    {
        var team = await Host.CreateTeamRoomAsync("Owner moderates");
        var sent = await Host.SayAsync(team.Moderator, team.Id, "moderator misbehaves");

        await Host.Editing().DeleteAsync(team.Owner.Id, sent.Id, "off topic");

        (await Host.StoredAsync(sent.Id)).DeletedById.ShouldBe(team.Owner.Id);
    }

    [Fact]
    public async Task Deleting_in_an_archived_room_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Archived deletes");
        var sent = await Host.SayAsync(team.Member, team.Id, "kept forever");
        await Host.ArchiveAsync(team.Id);

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().DeleteAsync(team.Member.Id, sent.Id));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().DeleteAsync(team.Owner.Id, sent.Id, "cleanup"));

        (await Host.StoredAsync(sent.Id)).DeletedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_deleted_message_takes_no_reactions_edits_pins_or_saves()
    {
        var team = await Host.CreateTeamRoomAsync("Tombstone rules");
        var sent = await Host.SayAsync(team.Member, team.Id, "soon gone");
        await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Reactions().ToggleAsync(team.Owner.Id, sent.Id, "👍"));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().EditAsync(team.Member.Id, sent.Id, "undead"));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Pins().PinAsync(team.Owner.Id, sent.Id));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Saved().SaveAsync(team.Owner.Id, sent.Id));

        var view = (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single();
        view.Reactions.ShouldBeEmpty();
        view.IsPinned.ShouldBeFalse();
    }

    [Fact]
    public async Task Deleting_a_pinned_message_unpins_it()
    {
        var team = await Host.CreateTeamRoomAsync("Pinned then deleted");
        var sent = await Host.SayAsync(team.Member, team.Id, "rules of the room");
        await Host.Pins().PinAsync(team.Moderator.Id, sent.Id);

        await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        (await Host.Pins().GetPinnedAsync(team.Owner.Id, team.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_deletion_is_published_as_a_change_without_the_body()
    {
        var team = await Host.CreateTeamRoomAsync("Live deletes");
        var sent = await Host.SayAsync(team.Member, team.Id, "secret sauce");
        using var events = Host.Record(Topics.Room(team.Id));

        await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        var changed = events.Of<MessageChanged>().ShouldHaveSingleItem().Message;
        changed.Seq.ShouldBe(sent.Seq);
        changed.IsDeleted.ShouldBeTrue();
        changed.BodyHtml.ShouldNotContain("secret");
        changed.Body.ShouldNotContain("secret");
    }

    [Fact]
    public async Task Deleting_twice_changes_nothing_the_second_time()
    {
        var team = await Host.CreateTeamRoomAsync("Double delete");
        var sent = await Host.SayAsync(team.Member, team.Id, "double click");
        await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);
        var deletedAt = (await Host.StoredAsync(sent.Id)).DeletedAt;
        using var events = Host.Record(Topics.Room(team.Id));

        var second = await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        second.IsDeleted.ShouldBeTrue();
        (await Host.StoredAsync(sent.Id)).DeletedAt.ShouldBe(deletedAt);
        events.Of<MessageChanged>().ShouldBeEmpty();
    }
}

public sealed class MessageDeletion_on_Sqlite(SqliteChatHost fixture) : MessageDeletion(fixture), IClassFixture<SqliteChatHost>;

public sealed class MessageDeletion_on_Postgres(PostgresChatHost fixture) : MessageDeletion(fixture), IClassFixture<PostgresChatHost>;
