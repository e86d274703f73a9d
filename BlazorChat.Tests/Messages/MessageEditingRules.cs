using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Only the author edits, the previous body is kept as history, and a refused edit changes nothing.</summary>
public abstract class MessageEditingRules(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Editing_keeps_the_previous_body_in_history_and_marks_the_message_edited()
    {
        var team = await Host.CreateTeamRoomAsync("Edits");
        var sent = await Host.SayAsync(team.Member, team.Id, "first *draft*");

        var edited = await Host.Editing().EditAsync(team.Member.Id, sent.Id, "final **version**");

        edited.BodyHtml.ShouldBe("<p>final <strong>version</strong></p>");
        edited.Body.ShouldBe("final **version**");
        edited.EditedAt.ShouldNotBeNull();
        edited.Seq.ShouldBe(sent.Seq);
        var history = await Host.Editing().GetRevisionsAsync(team.Owner.Id, sent.Id);
        history.ShouldHaveSingleItem().BodyHtml.ShouldBe("<p>first <em>draft</em></p>");
        (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single().BodyHtml.ShouldBe(edited.BodyHtml);
    }

    [Fact]
    public async Task Each_edit_adds_a_revision_oldest_first()
    {
        var team = await Host.CreateTeamRoomAsync("Many edits");
        var sent = await Host.SayAsync(team.Member, team.Id, "one");

        await Host.Editing().EditAsync(team.Member.Id, sent.Id, "two");
        await Host.Editing().EditAsync(team.Member.Id, sent.Id, "three");

        (await Host.Editing().GetRevisionsAsync(team.Member.Id, sent.Id)).Select(r => r.BodyHtml).ShouldBe(["<p>one</p>", "<p>two</p>"]);
    }

    [Fact]
    public async Task An_unchanged_body_is_not_an_edit()
    {
        var team = await Host.CreateTeamRoomAsync("Same text");
        var sent = await Host.SayAsync(team.Member, team.Id, "steady");

        var result = await Host.Editing().EditAsync(team.Member.Id, sent.Id, "  steady ");

        result.EditedAt.ShouldBeNull();
        (await Host.Editing().GetRevisionsAsync(team.Member.Id, sent.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_the_author_can_edit_a_message()
    {
        var team = await Host.CreateTeamRoomAsync("Not yours");
        var sent = await Host.SayAsync(team.Member, team.Id, "my words");

        foreach (var other in new[] { team.Owner, team.Moderator })
        {
            var refused = await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().EditAsync(other.Id, sent.Id, "your words"));
            refused.Message.ShouldContain("author");
        }

        await ShouldBeUnchangedAsync(sent);
    }

    [Fact]
    public async Task A_message_cannot_be_edited_in_an_archived_room()
    {
        var team = await Host.CreateTeamRoomAsync("Archived edits");
        var sent = await Host.SayAsync(team.Member, team.Id, "before the archive");
        await Host.ArchiveAsync(team.Id);

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().EditAsync(team.Member.Id, sent.Id, "after"));

        refused.Message.ShouldContain("archived");
        await ShouldBeUnchangedAsync(sent);
    }

    [Fact]
    public async Task A_removed_member_cannot_edit_what_they_wrote()
    {
        var team = await Host.CreateTeamRoomAsync("Removed author", isPrivate: true);
        var sent = await Host.SayAsync(team.Member, team.Id, "while I was here");
        await Host.RemoveMemberAsync(team.Id, team.Member.Id);

        // A private room looks missing to those outside it, and so do its messages.
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Editing().EditAsync(team.Member.Id, sent.Id, "sneaky"));
        await ShouldBeUnchangedAsync(sent);
    }

    [Fact]
    public async Task A_deleted_message_cannot_be_edited()
    {
        var team = await Host.CreateTeamRoomAsync("Edit the dead");
        var sent = await Host.SayAsync(team.Member, team.Id, "gone soon");
        await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().EditAsync(team.Member.Id, sent.Id, "back again"));

        (await Host.StoredAsync(sent.Id)).Body.ShouldBe("gone soon");
        (await Host.Editing().GetRevisionsAsync(team.Member.Id, sent.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_edit_that_breaks_the_length_limit_is_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Too long edit");
        var sent = await Host.SayAsync(team.Member, team.Id, "short");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.Editing().EditAsync(team.Member.Id, sent.Id, new string('x', Message.BodyMaxLength + 1)));

        refused.Field.ShouldBe("Body");
        await ShouldBeUnchangedAsync(sent);
    }

    [Fact]
    public async Task Editing_recomputes_who_is_mentioned()
    {
        var team = await Host.CreateTeamRoomAsync("Mention edits");
        var sent = await Host.SayAsync(team.Owner, team.Id, $"ping @{team.Member.UserName}");

        var edited = await Host.Editing().EditAsync(team.Owner.Id, sent.Id, $"ping @{team.Moderator.UserName} instead");

        (await Host.MentionedUsersAsync(sent.Id)).ShouldBe([team.Moderator.Id]);
        edited.BodyHtml.ShouldContain($"<span class=\"mention\">@{team.Moderator.UserName}</span>");
        edited.BodyHtml.ShouldNotContain(team.Member.UserName!);
    }

    [Fact]
    public async Task An_edit_is_published_to_the_room_as_a_change_of_the_same_message()
    {
        var team = await Host.CreateTeamRoomAsync("Live edits");
        var sent = await Host.SayAsync(team.Member, team.Id, "typo teh");
        using var events = Host.Record(Topics.Room(team.Id));

        await Host.Editing().EditAsync(team.Member.Id, sent.Id, "typo the");

        var changed = events.Of<MessageChanged>().ShouldHaveSingleItem().Message;
        changed.Seq.ShouldBe(sent.Seq);
        changed.BodyHtml.ShouldBe("<p>typo the</p>");
        events.Of<MessagePosted>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Edit_history_of_a_private_room_is_hidden_from_outsiders()
    {
        var team = await Host.CreateTeamRoomAsync("Private history edits", isPrivate: true);
        var sent = await Host.SayAsync(team.Member, team.Id, "v1");
        await Host.Editing().EditAsync(team.Member.Id, sent.Id, "v2");

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Editing().GetRevisionsAsync(team.Outsider.Id, sent.Id));
    }

    private async Task ShouldBeUnchangedAsync(MessageView sent)
    {
        var stored = await Host.StoredAsync(sent.Id);
        stored.BodyHtml.ShouldBe(sent.BodyHtml);
        stored.EditedAt.ShouldBeNull();
        (await Host.RevisionCountAsync(sent.Id)).ShouldBe(0);
    }
}

public sealed class MessageEditingRules_on_Sqlite(SqliteChatHost fixture) : MessageEditingRules(fixture), IClassFixture<SqliteChatHost>;

public sealed class MessageEditingRules_on_Postgres(PostgresChatHost fixture) : MessageEditingRules(fixture), IClassFixture<PostgresChatHost>;
