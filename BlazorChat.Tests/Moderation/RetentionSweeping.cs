using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Retention;
using BlazorChat.Core.Settings;
using BlazorChat.Tests.Attachments;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Moderation;

/// <summary>Retention deletes exactly the messages older than the room's (or the site's) retention, on one node at a time.</summary>
public abstract class RetentionSweeping(TestDatabase database) : IAsyncLifetime
{
    private ChatTestHost _host = default!;
    private Core.Users.ChatUser _admin = default!;

    public async Task InitializeAsync()
    {
        // A host of its own: the default retention is a site setting, which other tests must not see.
        _host = await ChatTestHost.CreateAsync(database, purpose: "retention");
        _admin = await _host.CreateUserAsync("siteadmin");
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private RetentionSweeper Sweeper => _host.Services.GetRequiredService<RetentionSweeper>();

    [Fact]
    public async Task Messages_older_than_the_rooms_retention_go_and_younger_ones_stay()
    {
        var (room, owner) = await _host.CreateChannelAsync("Short memory");
        await SetRetentionAsync(room.Id, 30);
        var old1 = await SendAgedAsync(owner.Id, room.Id, "old one", TimeSpan.FromDays(31));
        var old2 = await SendAgedAsync(owner.Id, room.Id, "old two", TimeSpan.FromDays(30.5));
        var young = await SendAgedAsync(owner.Id, room.Id, "young", TimeSpan.FromDays(29));
        var fresh = await _host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "fresh");
        var (keepForever, keeper) = await _host.CreateChannelAsync("Forever");
        var ancient = await SendAgedAsync(keeper.Id, keepForever.Id, "ancient but kept", TimeSpan.FromDays(400));

        (await Sweeper.RunOnceAsync()).ShouldBe(2);

        (await BodiesAsync(room.Id)).ShouldBe(["young", "fresh"]);
        (await BodiesAsync(keepForever.Id)).ShouldBe(["ancient but kept"]);
        _ = (old1, old2, young, fresh, ancient);
    }

    [Fact]
    public async Task The_files_of_messages_retention_removes_go_with_them()
    {
        var (room, owner) = await _host.CreateChannelAsync("Files expire");
        await SetRetentionAsync(room.Id, 30);
        var oldFile = await _host.UploadAsync(owner, room.Id, "old.txt", TestFiles.Text("old minutes"));
        var old = await _host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "old with a file", new SendOptions(AttachmentIds: [oldFile.Id]));
        await AgeAsync(old.Id, TimeSpan.FromDays(31));
        var youngFile = await _host.UploadAsync(owner, room.Id, "young.txt", TestFiles.Text("young minutes"));
        await _host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "young with a file", new SendOptions(AttachmentIds: [youngFile.Id]));

        (await Sweeper.RunOnceAsync()).ShouldBe(1);
        await _host.Files().CleanUpAsync();

        (await _host.StoredBytesAsync(oldFile.Id)).ShouldBeNull();
        (await _host.StoredBytesAsync(youngFile.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_sites_default_retention_applies_to_rooms_without_their_own()
    {
        var (room, owner) = await _host.CreateChannelAsync("Defaulted");
        var (own, ownOwner) = await _host.CreateChannelAsync("Own setting");
        await SetRetentionAsync(own.Id, 365);
        await SendAgedAsync(owner.Id, room.Id, "old", TimeSpan.FromDays(10));
        await SendAgedAsync(owner.Id, room.Id, "new", TimeSpan.FromDays(1));
        await SendAgedAsync(ownOwner.Id, own.Id, "kept by the room", TimeSpan.FromDays(10));
        var settings = await _host.Services.GetRequiredService<SiteSettingsService>().GetAsync();
        settings.DefaultRetentionDays = 7;
        await _host.Services.GetRequiredService<SiteSettingsService>().UpdateAsync(_admin.Id, settings);

        await Sweeper.RunOnceAsync();

        (await BodiesAsync(room.Id)).ShouldBe(["new"]);
        (await BodiesAsync(own.Id)).ShouldBe(["kept by the room"]);
    }

    [Fact]
    public async Task An_old_thread_root_with_young_replies_stays_as_a_tombstone_until_its_replies_go()
    {
        var (room, owner) = await _host.CreateChannelAsync("Threads");
        await SetRetentionAsync(room.Id, 7);
        var root = await SendAgedAsync(owner.Id, room.Id, "old root", TimeSpan.FromDays(8));
        var reply = await _host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "young reply", new SendOptions(ThreadRootId: root.Id));

        await Sweeper.RunOnceAsync();
        await using (var db = await _host.DbFactory.CreateDbContextAsync())
        {
            var kept = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == root.Id);
            kept.Body.ShouldBe("");
            kept.DeletedAt.ShouldNotBeNull();
        }

        await AgeAsync(reply.Id, TimeSpan.FromDays(8));
        await Sweeper.RunOnceAsync();
        (await BodiesAsync(room.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_one_node_sweeps_at_a_time()
    {
        var leases = _host.Services.GetRequiredService<LeaseStore>();
        // Another node's lease store on the same database holds the lease.
        var otherNode = new LeaseStore(_host.DbFactory, TimeProvider.System);
        (await otherNode.TryAcquireAsync(RetentionSweeper.LeaseName, TimeSpan.FromMinutes(1))).ShouldBeTrue();

        (await Sweeper.RunOnceAsync()).ShouldBeNull();
        (await leases.TryAcquireAsync(RetentionSweeper.LeaseName, TimeSpan.FromMinutes(1))).ShouldBeFalse();

        await otherNode.ReleaseAsync(RetentionSweeper.LeaseName);
        (await Sweeper.RunOnceAsync()).ShouldNotBeNull();
    }

    private async Task SetRetentionAsync(Guid roomId, int days)
    {
        await using var db = await _host.DbFactory.CreateDbContextAsync();
        await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(r => r.SetProperty(x => x.RetentionDays, days));
    }

    private async Task<MessageView> SendAgedAsync(Guid authorId, Guid roomId, string body, TimeSpan age)
    {
        var sent = await _host.Messages.SendAsync(authorId, roomId, Guid.NewGuid(), body);
        await AgeAsync(sent.Id, age);
        return sent;
    }

    private async Task AgeAsync(Guid messageId, TimeSpan age)
    {
        await using var db = await _host.DbFactory.CreateDbContextAsync();
        var message = await db.Messages.SingleAsync(m => m.Id == messageId);
        message.CreatedAt = DateTimeOffset.UtcNow - age;
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> BodiesAsync(Guid roomId)
    {
        await using var db = await _host.DbFactory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Where(m => m.RoomId == roomId).OrderBy(m => m.Seq).Select(m => m.Body).ToListAsync();
    }
}

public sealed class RetentionSweeping_on_Sqlite() : RetentionSweeping(TestDatabase.Sqlite);

public sealed class RetentionSweeping_on_Postgres() : RetentionSweeping(TestDatabase.Postgres);
