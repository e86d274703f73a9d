using System.Text.Json;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Attachments;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// The view a send publishes (and answers with) is built from what the send holds, not read back:
/// it must be exactly what anyone reading the message later gets.
/// </summary>
public abstract class PublishedMessageViews(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    // Records compare lists by reference; their JSON compares everything a client receives.
    private static string Json(MessageView view) => JsonSerializer.Serialize(view);

    private async Task ShouldReadBackAsAsync(MessageTestRoom team, MessageView sent, EventRecorder events)
    {
        var published = events.Of<MessagePosted>().ShouldHaveSingleItem().Message;
        Json(published).ShouldBe(Json(sent));
        Json(await Host.Messages.GetAsync(team.Owner.Id, sent.Id)).ShouldBe(Json(sent));
        var page = await Host.Messages.GetLatestAsync(team.Member.Id, team.Id);
        Json(page.Single(m => m.Id == sent.Id)).ShouldBe(Json(sent));
    }

    [Fact]
    public async Task A_plain_message_carries_its_author_display_name_and_picture_version_as_stored()
    {
        var team = await Host.CreateTeamRoomAsync("Published plain");
        await using (var db = await Host.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == team.Member.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.DisplayName, "Grace Hopper")
                .SetProperty(x => x.AvatarVersion, "v42"));
        }
        using var events = Host.Record(Topics.Room(team.Id));

        var sent = await Host.SayAsync(team.Member, team.Id, "Plain **hello** to @" + team.Owner.UserName);

        sent.AuthorDisplayName.ShouldBe("Grace Hopper");
        sent.AuthorAvatarVersion.ShouldBe("v42");
        sent.BodyHtml.ShouldContain("<strong>hello</strong>");
        await ShouldReadBackAsAsync(team, sent, events);
    }

    [Fact]
    public async Task A_quoting_thread_reply_with_files_and_a_room_mention_reads_back_the_same()
    {
        var team = await Host.CreateTeamRoomAsync("Published reply");
        var root = await Host.SayAsync(team.Member, team.Id, "Where are the release notes?");
        var quoted = await Host.SayAsync(team.Member, team.Id, "They were in the *wiki* last time.");
        var first = await Host.UploadAsync(team.Owner, team.Id, "notes.txt", TestFiles.Text("release notes"));
        var second = await Host.UploadAsync(team.Owner, team.Id, "changes.txt", TestFiles.Text("changes"));
        using var events = Host.Record(Topics.Room(team.Id));

        var sent = await Host.SayAsync(team.Owner, team.Id, "@room here they are",
            new SendOptions(ThreadRootId: root.Id, QuotedMessageId: quoted.Id, AttachmentIds: [second.Id, first.Id]));

        sent.ThreadRootId.ShouldBe(root.Id);
        sent.MentionsRoom.ShouldBeTrue();
        sent.Quote.ShouldNotBeNull().Snippet.ShouldBe("They were in the wiki last time.");
        sent.Attachments.Select(a => a.FileName).ShouldBe(["changes.txt", "notes.txt"]);
        await ShouldReadBackAsAsync(team, sent, events);
    }

    [Fact]
    public async Task A_retry_answers_with_the_stored_message_as_first_published()
    {
        var team = await Host.CreateTeamRoomAsync("Published retry");
        var clientId = Guid.NewGuid();
        var sent = await Host.Messages.SendAsync(team.Member.Id, team.Id, clientId, "once only");
        using var events = Host.Record(Topics.Room(team.Id));

        var again = await Host.Messages.SendAsync(team.Member.Id, team.Id, clientId, "once only");

        Json(again).ShouldBe(Json(sent));
        events.Of<MessagePosted>().ShouldBeEmpty();
    }
}

public sealed class PublishedMessageViews_on_Sqlite(SqliteChatHost fixture) : PublishedMessageViews(fixture), IClassFixture<SqliteChatHost>;

public sealed class PublishedMessageViews_on_Postgres(PostgresChatHost fixture) : PublishedMessageViews(fixture), IClassFixture<PostgresChatHost>;
