using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Moderation;

/// <summary>A ban, deactivation or deletion takes effect at once: open tabs hear it, the sign-in stamp changes, and it is audited.</summary>
public sealed class BanningPeople(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task A_ban_tells_the_persons_open_tabs_changes_their_sign_in_stamp_and_is_audited()
    {
        var target = await Host.CreateUserAsync("spammer");
        var stampBefore = await StampOfAsync(target.Id);
        using var tabs = new EventRecorder(Host, Topics.User(target.Id));

        await Host.Users().BanAsync(fixture.SiteAdmin.Id, target.Id, "Posting spam", TimeSpan.FromDays(1));

        tabs.Of<AccountSuspended>().ShouldHaveSingleItem().Message.ShouldContain("Posting spam");
        (await StampOfAsync(target.Id)).ShouldNotBe(stampBefore);
        var user = await UserAsync(target.Id);
        AccountStanding.Refusal(user, DateTimeOffset.UtcNow).ShouldNotBeNull().ShouldContain("banned until");
        AccountStanding.Refusal(user, DateTimeOffset.UtcNow.AddDays(2)).ShouldBeNull();
        (await AuditAsync(target.Id)).ShouldContain(a => a.Action == "user.ban" && a.ActorId == fixture.SiteAdmin.Id && a.Reason!.Contains("Posting spam"));
    }

    [Fact]
    public async Task Unbanning_lets_the_person_in_again_and_is_audited()
    {
        var target = await Host.CreateUserAsync("sorry");
        await Host.Users().BanAsync(fixture.SiteAdmin.Id, target.Id, "Rude", null);
        AccountStanding.Refusal(await UserAsync(target.Id), DateTimeOffset.UtcNow.AddYears(50)).ShouldNotBeNull();

        await Host.Users().UnbanAsync(fixture.SiteAdmin.Id, target.Id);

        AccountStanding.Refusal(await UserAsync(target.Id), DateTimeOffset.UtcNow).ShouldBeNull();
        (await AuditAsync(target.Id)).Select(a => a.Action).ShouldBe(["user.ban", "user.unban"]);
    }

    [Fact]
    public async Task A_ban_needs_a_reason_and_a_refused_ban_changes_nothing()
    {
        var target = await Host.CreateUserAsync("target");
        var error = await Should.ThrowAsync<ChatValidationException>(() => Host.Users().BanAsync(fixture.SiteAdmin.Id, target.Id, "  ", null));
        error.Field.ShouldBe("Reason");
        (await UserAsync(target.Id)).BannedAt.ShouldBeNull();
        (await AuditAsync(target.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deactivating_signs_the_person_out_and_keeps_their_account()
    {
        var target = await Host.CreateUserAsync("leaver");
        using var tabs = new EventRecorder(Host, Topics.User(target.Id));

        await Host.Users().SetDeactivatedAsync(fixture.SiteAdmin.Id, target.Id, true, "Left the company");

        tabs.Of<AccountSuspended>().ShouldHaveSingleItem();
        AccountStanding.Refusal(await UserAsync(target.Id), DateTimeOffset.UtcNow).ShouldNotBeNull().ShouldContain("deactivated");
        await Host.Users().SetDeactivatedAsync(fixture.SiteAdmin.Id, target.Id, false);
        AccountStanding.Refusal(await UserAsync(target.Id), DateTimeOffset.UtcNow).ShouldBeNull();
        (await AuditAsync(target.Id)).Select(a => a.Action).ShouldBe(["user.deactivate", "user.reactivate"]);
    }

    [Fact]
    public async Task Deleting_an_account_keeps_its_messages_as_a_deleted_user()
    {
        var (room, owner) = await Host.CreateChannelAsync("Keepers");
        var target = await Host.CreateUserAsync("gone");
        await Host.Rooms.JoinAsync(target.Id, room.Id);
        await Host.Messages.SendAsync(target.Id, room.Id, Guid.NewGuid(), "my words stay");

        await Host.Users().DeleteAsync(fixture.SiteAdmin.Id, target.Id, removeMessages: false);

        var latest = await Host.Messages.GetLatestAsync(owner.Id, room.Id);
        latest.ShouldHaveSingleItem().AuthorDisplayName.ShouldBe("Deleted user");
        var user = await UserAsync(target.Id);
        user.Email.ShouldBeNull();
        user.PasswordHash.ShouldBeNull();
        AccountStanding.Refusal(user, DateTimeOffset.UtcNow).ShouldNotBeNull();
        (await Host.Rooms.ListMembersAsync(owner.Id, room.Id)).ShouldNotContain(m => m.UserId == target.Id);
    }

    [Fact]
    public async Task Deleting_an_account_with_its_messages_removes_them_and_keeps_other_peoples_thread_replies()
    {
        var (room, owner) = await Host.CreateChannelAsync("Cleanup");
        var target = await Host.CreateUserAsync("gone");
        await Host.Rooms.JoinAsync(target.Id, room.Id);
        var root = await Host.Messages.SendAsync(target.Id, room.Id, Guid.NewGuid(), "a thread root");
        await Host.Messages.SendAsync(target.Id, room.Id, Guid.NewGuid(), "plain");
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "a reply", new Core.Messages.SendOptions(ThreadRootId: root.Id));

        await Host.Users().DeleteAsync(fixture.SiteAdmin.Id, target.Id, removeMessages: true);

        await using var db = await Host.DbFactory.CreateDbContextAsync();
        var left = await db.Messages.Where(m => m.RoomId == room.Id).ToListAsync();
        left.ShouldNotContain(m => m.Body == "plain");
        left.Single(m => m.Id == root.Id).DeletedAt.ShouldNotBeNull();
        left.ShouldContain(m => m.Body == "a reply");
    }

    private async Task<ChatUser> UserAsync(Guid id)
    {
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<string?> StampOfAsync(Guid id) => (await UserAsync(id)).SecurityStamp;

    private async Task<List<AuditEntry>> AuditAsync(Guid targetId)
    {
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        var prefix = $"user:{targetId}";
        return [.. (await db.AuditEntries.AsNoTracking().Where(a => a.Target.StartsWith(prefix)).ToListAsync()).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)];
    }
}

/// <summary>The users and rooms tables of /admin: searched, paged and sorted on the server.</summary>
public sealed class AdminTables(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    [Fact]
    public async Task Users_are_found_by_part_of_their_name_with_role_status_and_message_count()
    {
        var target = await fixture.Host.CreateUserAsync("findme");
        var (room, _) = await fixture.Host.CreateChannelAsync("Counted");
        await fixture.Host.Rooms.JoinAsync(target.Id, room.Id);
        await fixture.Host.Messages.SendAsync(target.Id, room.Id, Guid.NewGuid(), "one");
        await fixture.Host.Users().BanAsync(fixture.SiteAdmin.Id, target.Id, "test", null);

        var page = await fixture.Host.Users().SearchAsync(fixture.SiteAdmin.Id, new PageRequest(target.UserName![3..12], 0, 20, "Username", true));

        var row = page.Items.ShouldHaveSingleItem();
        (row.Id, row.Role, row.Status, row.Messages).ShouldBe((target.Id, SiteRole.Member, AccountStatus.Banned, 1));
        page.Total.ShouldBe(1);
        (await fixture.Host.Users().SearchAsync(fixture.SiteAdmin.Id, new PageRequest(null, 0, 1))).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Rooms_are_listed_with_owner_and_member_count()
    {
        var (room, owner) = await fixture.Host.CreateChannelAsync("Listed room");
        var rooms = fixture.Host.Services.GetRequiredService<RoomAdministration>();

        var page = await rooms.SearchAsync(fixture.SiteAdmin.Id, new PageRequest("listed", 0, 20, "Name", false));

        var row = page.Items.ShouldHaveSingleItem();
        (row.Id, row.Owner, row.Members).ShouldBe((room.Id, owner.UserName, 1));
    }

    [Fact]
    public async Task The_dashboard_counts_the_rooms_the_rooms_list_shows()
    {
        await fixture.Host.CreateChannelAsync("Counted room");
        var alice = await fixture.Host.CreateUserAsync("dmalice");
        var bob = await fixture.Host.CreateUserAsync("dmbob");
        await fixture.Host.Rooms.OpenDirectAsync(alice.Id, bob.Id);
        var rooms = fixture.Host.Services.GetRequiredService<RoomAdministration>();

        var listed = await rooms.SearchAsync(fixture.SiteAdmin.Id, new PageRequest());
        var figures = await fixture.Host.Dashboard().GetAsync(fixture.SiteAdmin.Id);

        figures.Rooms.ShouldBe(listed.Total);
    }
}
