using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// @username mentions members of the room (highlighted, stored, listed in their mentions view);
/// @here and @room are for moderators and up.
/// </summary>
public abstract class MessageMentions(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Mentioning_a_member_highlights_the_name_and_records_the_mention()
    {
        var team = await Host.CreateTeamRoomAsync("Mentions");
        using var events = Host.Record(Topics.User(team.Member.Id));

        var sent = await Host.SayAsync(team.Owner, team.Id, $"@{team.Member.UserName!.ToUpperInvariant()} can you look?");

        Html.Fragment(sent.BodyHtml).QuerySelector("span.mention").ShouldNotBeNull().TextContent.ShouldBe($"@{team.Member.UserName!.ToUpperInvariant()}");
        (await Host.MentionedUsersAsync(sent.Id)).ShouldBe([team.Member.Id]);
        events.Of<MentionReceived>().ShouldHaveSingleItem().Message.Message.Id.ShouldBe(sent.Id);
    }

    [Fact]
    public async Task Names_of_people_outside_the_room_are_plain_text()
    {
        var team = await Host.CreateTeamRoomAsync("Outside mentions");

        var sent = await Host.SayAsync(team.Owner, team.Id, $"ask @{team.Outsider.UserName} or @nobody_here");

        Html.Fragment(sent.BodyHtml).QuerySelector(".mention").ShouldBeNull();
        (await Host.MentionedUsersAsync(sent.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Names_in_code_links_and_email_addresses_are_not_mentions()
    {
        var team = await Host.CreateTeamRoomAsync("Not mentions");
        var name = team.Member.UserName;

        var sent = await Host.SayAsync(team.Owner, team.Id,
            $"`@{name}`\n\n```\n@{name}\n```\n\n[@{name}](https://example.com) mail x@{name}.example.com");

        Html.Fragment(sent.BodyHtml).QuerySelector(".mention").ShouldBeNull();
        (await Host.MentionedUsersAsync(sent.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_mention_at_the_end_of_a_sentence_leaves_the_full_stop_outside()
    {
        var team = await Host.CreateTeamRoomAsync("Full stop");

        var sent = await Host.SayAsync(team.Owner, team.Id, $"Thanks @{team.Member.UserName}.");

        var body = Html.Fragment(sent.BodyHtml);
        body.QuerySelector(".mention").ShouldNotBeNull().TextContent.ShouldBe($"@{team.Member.UserName}");
        body.NormalizedText().ShouldBe($"Thanks @{team.Member.UserName}.");
    }

    [Fact]
    public async Task Mentioning_yourself_highlights_but_does_not_notify()
    {
        var team = await Host.CreateTeamRoomAsync("Self mention");

        var sent = await Host.SayAsync(team.Member, team.Id, $"note to @{team.Member.UserName}");

        Html.Fragment(sent.BodyHtml).QuerySelector(".mention").ShouldNotBeNull();
        (await Host.MentionedUsersAsync(sent.Id)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("@here")]
    [InlineData("@room")]
    [InlineData("@Room")]
    public async Task A_member_cannot_notify_the_whole_room(string word)
    {
        var team = await Host.CreateTeamRoomAsync("No shouting");

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => Host.SayAsync(team.Member, team.Id, $"{word} look at this"));

        refused.Message.ShouldContain("moderators");
        (await Host.Rooms.OpenAsync(team.Owner.Id, team.Room.Slug)).LastSeq.ShouldBe(0);
    }

    [Fact]
    public async Task A_member_cannot_edit_a_room_mention_in()
    {
        var team = await Host.CreateTeamRoomAsync("No shouting edits");
        var sent = await Host.SayAsync(team.Member, team.Id, "quiet");

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Editing().EditAsync(team.Member.Id, sent.Id, "@room LOUD"));

        (await Host.StoredAsync(sent.Id)).Body.ShouldBe("quiet");
    }

    [Fact]
    public async Task A_moderator_notifies_the_whole_room()
    {
        var team = await Host.CreateTeamRoomAsync("Announcements");

        var sent = await Host.SayAsync(team.Moderator, team.Id, "@here standup in 5");

        sent.MentionsRoom.ShouldBeTrue();
        Html.Fragment(sent.BodyHtml).QuerySelector("span.mention.mention-room").ShouldNotBeNull().TextContent.ShouldBe("@here");
        (await Host.Mentions().GetMentionsAsync(team.Member.Id)).Select(m => m.Message.Id).ShouldContain(sent.Id);
        (await Host.Mentions().GetMentionsAsync(team.Moderator.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_mentions_view_lists_newest_first_in_pages()
    {
        var team = await Host.CreateTeamRoomAsync("Mention pages");
        var sent = new List<MessageView>();
        for (var i = 1; i <= 5; i++) sent.Add(await Host.SayAsync(team.Owner, team.Id, $"@{team.Member.UserName} number {i}"));
        await Host.SayAsync(team.Owner, team.Id, "no mention here");

        var first = await Host.Mentions().GetMentionsAsync(team.Member.Id, limit: 3);
        var second = await Host.Mentions().GetMentionsAsync(team.Member.Id, beforeMessageId: first[^1].Message.Id, limit: 3);

        first.Select(m => m.Message.Id).ShouldBe(sent.AsEnumerable().Reverse().Take(3).Select(m => m.Id));
        second.Select(m => m.Message.Id).ShouldBe([sent[1].Id, sent[0].Id]);
        first[0].RoomSlug.ShouldBe(team.Room.Slug);
        first[0].Link.ShouldBe($"r/{team.Room.Slug}/{sent[4].Seq}");
    }

    [Fact]
    public async Task The_mentions_view_leaves_out_rooms_the_person_can_no_longer_read_and_deleted_messages()
    {
        var team = await Host.CreateTeamRoomAsync("Left behind", isPrivate: true);
        var other = await Host.CreateTeamRoomAsync("Still here");
        await Host.AddMemberAsync(other.Id, team.Member.Id);
        await Host.SayAsync(team.Owner, team.Id, $"@{team.Member.UserName} private ping");
        var kept = await Host.SayAsync(other.Owner, other.Id, $"@{team.Member.UserName} public ping");
        var deleted = await Host.SayAsync(other.Owner, other.Id, $"@{team.Member.UserName} oops");
        await Host.Editing().DeleteAsync(other.Owner.Id, deleted.Id);

        await Host.RemoveMemberAsync(team.Id, team.Member.Id);

        (await Host.Mentions().GetMentionsAsync(team.Member.Id)).Select(m => m.Message.Id).ShouldBe([kept.Id]);
    }

    [Fact]
    public async Task The_composer_is_offered_members_whose_names_start_with_what_was_typed()
    {
        var team = await Host.CreateTeamRoomAsync("Autocomplete");
        var prefix = team.Member.UserName![..5];

        var offered = await Host.Mentions().FindMentionCandidatesAsync(team.Owner.Id, team.Id, "@" + prefix.ToUpperInvariant());

        offered.Select(c => c.Username).ShouldBe([team.Member.UserName]);
        (await Host.Mentions().FindMentionCandidatesAsync(team.Owner.Id, team.Id, team.Outsider.UserName![..6])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_moderators_are_offered_here_and_room()
    {
        var team = await Host.CreateTeamRoomAsync("Autocomplete room words");

        (await Host.Mentions().FindMentionCandidatesAsync(team.Moderator.Id, team.Id, "r")).ShouldContain(c => c.Username == "room" && c.IsRoomMention);
        (await Host.Mentions().FindMentionCandidatesAsync(team.Member.Id, team.Id, "r")).ShouldNotContain(c => c.IsRoomMention);
    }

    [Fact]
    public async Task Only_members_can_look_up_who_to_mention()
    {
        var team = await Host.CreateTeamRoomAsync("Autocomplete outsiders", isPrivate: true);

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Mentions().FindMentionCandidatesAsync(team.Outsider.Id, team.Id, ""));
    }
}

public sealed class MessageMentions_on_Sqlite(SqliteChatHost fixture) : MessageMentions(fixture), IClassFixture<SqliteChatHost>;

public sealed class MessageMentions_on_Postgres(PostgresChatHost fixture) : MessageMentions(fixture), IClassFixture<PostgresChatHost>;
