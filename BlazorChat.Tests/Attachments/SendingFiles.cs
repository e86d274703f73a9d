using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Attachments;

/// <summary>
/// Files travel with messages: a message claims its sender's uploads in the send's transaction,
/// only readers of the room can open them, and deleting the message removes them.
/// </summary>
public abstract class SendingFiles(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    private Task<MessageView> SendWithFilesAsync(Core.Users.ChatUser author, Guid roomId, string body, params AttachmentView[] files) =>
        Host.Messages.SendAsync(author.Id, roomId, Guid.NewGuid(), body, new SendOptions(AttachmentIds: [.. files.Select(f => f.Id)]));

    [Fact]
    public async Task A_message_may_be_files_only_and_every_reader_sees_them_in_order()
    {
        var team = await Host.CreateTeamRoomAsync("Files only");
        var first = await Host.UploadAsync(team.Member, team.Id, "a.txt", TestFiles.Text("first"));
        var second = await Host.UploadAsync(team.Member, team.Id, "b.pdf", TestFiles.Text("%PDF-1.4 second"));

        var sent = await SendWithFilesAsync(team.Member, team.Id, "   ", first, second);

        sent.Body.ShouldBeEmpty();
        sent.Attachments.Select(a => a.FileName).ShouldBe(["a.txt", "b.pdf"]);
        var seen = (await Host.Messages.GetLatestAsync(team.Owner.Id, team.Id)).Single(m => m.Id == sent.Id);
        seen.Attachments.Select(a => a.Id).ShouldBe([first.Id, second.Id]);
    }

    [Fact]
    public async Task A_message_without_text_or_files_is_still_refused()
    {
        var team = await Host.CreateTeamRoomAsync("Empty");

        await Should.ThrowAsync<ChatValidationException>(() => SendWithFilesAsync(team.Member, team.Id, " "));
    }

    [Fact]
    public async Task Retrying_a_send_with_files_stores_one_message()
    {
        var team = await Host.CreateTeamRoomAsync("Retry with files");
        var file = await Host.UploadAsync(team.Member, team.Id, "a.txt", TestFiles.Text("once"));
        var clientId = Guid.NewGuid();
        var options = new SendOptions(AttachmentIds: [file.Id]);

        var first = await Host.Messages.SendAsync(team.Member.Id, team.Id, clientId, "here", options);
        var again = await Host.Messages.SendAsync(team.Member.Id, team.Id, clientId, "here", options);

        again.Id.ShouldBe(first.Id);
        again.Attachments.Single().Id.ShouldBe(file.Id);
    }

    [Fact]
    public async Task Someone_elses_upload_cannot_be_sent()
    {
        var team = await Host.CreateTeamRoomAsync("Not yours");
        var theirs = await Host.UploadAsync(team.Owner, team.Id, "owner.txt", TestFiles.Text("owner's"));

        var refused = await Should.ThrowAsync<ChatValidationException>(() => SendWithFilesAsync(team.Member, team.Id, "mine now", theirs));

        refused.Field.ShouldBe("Attachments");
        (await Host.StoredRowAsync(theirs.Id)).ShouldNotBeNull().MessageId.ShouldBeNull();
        (await Host.Messages.GetLatestAsync(team.Member.Id, team.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_sent_once_cannot_be_sent_again()
    {
        var team = await Host.CreateTeamRoomAsync("Twice");
        var file = await Host.UploadAsync(team.Member, team.Id, "a.txt", TestFiles.Text("one"));
        await SendWithFilesAsync(team.Member, team.Id, "first", file);

        await Should.ThrowAsync<ChatValidationException>(() => SendWithFilesAsync(team.Member, team.Id, "second", file));
    }

    [Fact]
    public async Task A_file_uploaded_for_one_room_cannot_be_sent_to_another()
    {
        var team = await Host.CreateTeamRoomAsync("Room A");
        var other = await Host.CreateTeamRoomAsync("Room B");
        await Host.AddMemberAsync(other.Id, team.Member.Id);
        var file = await Host.UploadAsync(team.Member, team.Id, "a.txt", TestFiles.Text("for A"));

        await Should.ThrowAsync<ChatValidationException>(() => SendWithFilesAsync(team.Member, other.Id, "to B", file));
    }

    [Fact]
    public async Task At_most_five_files_go_with_one_message()
    {
        var team = await Host.CreateTeamRoomAsync("Six files");
        var files = new List<AttachmentView>();
        for (var i = 0; i < 6; i++) files.Add(await Host.UploadAsync(team.Member, team.Id, $"{i}.txt", TestFiles.Text($"file {i}")));

        var refused = await Should.ThrowAsync<ChatValidationException>(() => SendWithFilesAsync(team.Member, team.Id, "all", [.. files]));

        refused.Message.ShouldContain("at most 5 files");
    }

    [Fact]
    public async Task A_file_from_room_A_is_not_found_for_someone_outside_it()
    {
        var team = await Host.CreateTeamRoomAsync("Private A", isPrivate: true);
        var file = await Host.UploadAsync(team.Member, team.Id, "secret.txt", TestFiles.Text("for members"));
        await SendWithFilesAsync(team.Member, team.Id, "see attached", file);

        (await Host.Files().OpenAsync(team.Outsider.Id, file.Id, AttachmentVariant.Original)).ShouldBeNull();
        var forMember = (await Host.Files().OpenAsync(team.Owner.Id, file.Id, AttachmentVariant.Original)).ShouldNotBeNull();
        (await forMember.ReadAllAsync()).ShouldBe(TestFiles.Text("for members"));
    }

    [Fact]
    public async Task A_file_in_a_public_channel_is_readable_by_anyone_who_can_read_the_channel()
    {
        var team = await Host.CreateTeamRoomAsync("Open channel");
        var file = await Host.UploadAsync(team.Member, team.Id, "public.txt", TestFiles.Text("for everyone"));
        await SendWithFilesAsync(team.Member, team.Id, "", file);

        var content = (await Host.Files().OpenAsync(team.Outsider.Id, file.Id, AttachmentVariant.Original)).ShouldNotBeNull();
        (await content.ReadAllAsync()).ShouldBe(TestFiles.Text("for everyone"));
    }

    [Fact]
    public async Task An_upload_not_yet_sent_is_visible_only_to_its_uploader()
    {
        var team = await Host.CreateTeamRoomAsync("Unsent");
        var file = await Host.UploadAsync(team.Member, team.Id, "draft.txt", TestFiles.Text("draft"));

        (await Host.Files().OpenAsync(team.Owner.Id, file.Id, AttachmentVariant.Original)).ShouldBeNull();
        await using var own = (await Host.Files().OpenAsync(team.Member.Id, file.Id, AttachmentVariant.Original)).ShouldNotBeNull().Stored;
    }

    [Fact]
    public async Task Deleting_a_message_deletes_its_files()
    {
        var team = await Host.CreateTeamRoomAsync("Delete with files");
        var image = await Host.UploadAsync(team.Member, team.Id, "pic.png", TestFiles.Image(".png", 40, 30));
        var sent = await SendWithFilesAsync(team.Member, team.Id, "look", image);

        var deleted = await Host.Editing().DeleteAsync(team.Member.Id, sent.Id);

        deleted.Attachments.ShouldBeEmpty();
        foreach (var variant in Enum.GetValues<AttachmentVariant>()) (await Host.StoredBytesAsync(image.Id, variant)).ShouldBeNull();
        (await Host.StoredRowAsync(image.Id)).ShouldBeNull();
        (await Host.Files().OpenAsync(team.Owner.Id, image.Id, AttachmentVariant.Original)).ShouldBeNull();
    }

    [Fact]
    public async Task Removing_an_upload_before_sending_deletes_it()
    {
        var team = await Host.CreateTeamRoomAsync("Changed my mind");
        var file = await Host.UploadAsync(team.Member, team.Id, "oops.txt", TestFiles.Text("oops"));

        await Host.Files().DiscardAsync(team.Member.Id, file.Id);

        (await Host.StoredRowAsync(file.Id)).ShouldBeNull();
        (await Host.StoredBytesAsync(file.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task Deleting_a_room_leaves_its_files_to_the_cleanup_job_which_removes_them()
    {
        var team = await Host.CreateTeamRoomAsync("Doomed room");
        var file = await Host.UploadAsync(team.Member, team.Id, "a.txt", TestFiles.Text("gone soon"));
        await SendWithFilesAsync(team.Member, team.Id, "x", file);

        await Host.Rooms.DeleteAsync(team.Owner.Id, team.Id);
        var row = (await Host.StoredRowAsync(file.Id)).ShouldNotBeNull();
        row.DeletedAt.ShouldNotBeNull();
        row.MessageId.ShouldBeNull();
        await Host.Files().CleanUpAsync();

        (await Host.StoredRowAsync(file.Id)).ShouldBeNull();
        (await Host.StoredBytesAsync(file.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task The_attachments_of_a_message_are_in_their_own_table_for_search_to_join()
    {
        var team = await Host.CreateTeamRoomAsync("Joinable");
        var image = await Host.UploadAsync(team.Member, team.Id, "p.png", TestFiles.Image(".png", 20, 20));
        var sent = await SendWithFilesAsync(team.Member, team.Id, "with picture", image);
        await Host.SayAsync(team.Member, team.Id, "without");

        await using var db = await Host.DbFactory.CreateDbContextAsync();
        var withImages = await db.Messages.Where(m => m.RoomId == team.Id
            && db.Attachments.Any(a => a.MessageId == m.Id && a.Kind == AttachmentKind.Image)).Select(m => m.Id).ToListAsync();

        withImages.ShouldBe([sent.Id]);
    }
}

public sealed class SendingFiles_on_Sqlite(SqliteChatHost fixture) : SendingFiles(fixture), IClassFixture<SqliteChatHost>;

public sealed class SendingFiles_on_Postgres(PostgresChatHost fixture) : SendingFiles(fixture), IClassFixture<PostgresChatHost>;
