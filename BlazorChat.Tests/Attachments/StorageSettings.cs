using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Storage;
using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;

namespace BlazorChat.Tests.Attachments;

/// <summary>What configuration changes: the quota, the cleanup of unsent uploads, the S3 store.</summary>
public sealed class StorageSettings
{
    private static Task<ChatTestHost> HostWithAsync(Dictionary<string, string?> settings) =>
        ChatTestHost.CreateAsync(TestDatabase.Sqlite, extraSettings: settings);

    [Fact]
    public async Task An_upload_over_the_quota_is_refused_with_what_is_used()
    {
        await using var host = await HostWithAsync(new() { ["BlazorChat:Uploads:QuotaBytesPerUser"] = "3000" });
        var team = await host.CreateTeamRoomAsync("Quota");
        await host.UploadAsync(team.Member, team.Id, "a.txt", new byte[2000].Select(_ => (byte)'a').ToArray());

        var refused = await Should.ThrowAsync<ChatLimitException>(() =>
            host.UploadAsync(team.Member, team.Id, "b.txt", new byte[2000].Select(_ => (byte)'b').ToArray()));

        refused.Message.ShouldContain("quota of 3 KB");
        refused.Message.ShouldContain("you use 2 KB");
        (await host.Files().UsedBytesAsync(team.Member.Id)).ShouldBe(2000);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_while_it_arrives()
    {
        await using var host = await HostWithAsync(new() { ["BlazorChat:Uploads:MaxFileBytes"] = "5000" });
        var team = await host.CreateTeamRoomAsync("Size limit");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            host.UploadAsync(team.Member, team.Id, "big.txt", new byte[6000].Select(_ => (byte)'x').ToArray()));

        refused.Message.ShouldBe("“big.txt” is larger than the limit of 5 KB.");
        Directory.EnumerateFileSystemEntries(Path.Combine(host.DataDirectory, "tmp")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Uploads_never_sent_are_removed_by_the_cleanup_job_and_sent_ones_stay()
    {
        await using var host = await HostWithAsync(new() { ["BlazorChat:Uploads:OrphanAfter"] = "00:00:00" });
        var team = await host.CreateTeamRoomAsync("Orphans");
        var forgotten = await host.UploadAsync(team.Member, team.Id, "forgotten.txt", TestFiles.Text("never sent"));
        var sent = await host.UploadAsync(team.Member, team.Id, "sent.txt", TestFiles.Text("sent"));
        await host.Messages.SendAsync(team.Member.Id, team.Id, Guid.NewGuid(), "", new SendOptions(AttachmentIds: [sent.Id]));

        var purged = await host.Files().CleanUpAsync();

        purged.ShouldBe(1);
        (await host.StoredRowAsync(forgotten.Id)).ShouldBeNull();
        (await host.StoredBytesAsync(forgotten.Id)).ShouldBeNull();
        (await host.StoredBytesAsync(sent.Id)).ShouldBe(TestFiles.Text("sent"));
    }

    [Fact]
    public async Task With_S3_configured_files_go_to_the_bucket()
    {
        await using var host = await HostWithAsync(TestServices.S3Settings());
        host.Store().ShouldBeOfType<S3FileStore>();
        var team = await host.CreateTeamRoomAsync("Bucket");

        var image = await host.UploadAsync(team.Member, team.Id, "p.jpg", TestFiles.Image(".jpg", 300, 200));
        await host.Messages.SendAsync(team.Member.Id, team.Id, Guid.NewGuid(), "in S3", new SendOptions(AttachmentIds: [image.Id]));

        var content = (await host.Files().OpenAsync(team.Owner.Id, image.Id, AttachmentVariant.Thumbnail)).ShouldNotBeNull();
        TestFiles.Describe(await content.ReadAllAsync()).Format.ShouldBe("Webp");
        Directory.Exists(Path.Combine(host.DataDirectory, "files")).ShouldBeFalse();
    }
}
