using BlazorChat.Core.Common;
using BlazorChat.Core.Moderation;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Moderation;

/// <summary>
/// Who may do what on the site, checked in Core for each of member, room moderator, site moderator
/// and administrator: administrators everything, site moderators reports and sanctions, the others none.
/// </summary>
public sealed class SitePermissionRules(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    public static TheoryData<string, bool> AdminOnly => new() { { "member", false }, { "room moderator", false }, { "site moderator", false }, { "admin", true } };
    public static TheoryData<string, bool> ModeratorsAndUp => new() { { "member", false }, { "room moderator", false }, { "site moderator", true }, { "admin", true } };

    [Theory, MemberData(nameof(AdminOnly))]
    public async Task The_dashboard(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        await Expect(allowed, () => Host.Dashboard().GetAsync(cast.As(who).Id));
    }

    [Theory, MemberData(nameof(AdminOnly))]
    public async Task The_audit_log_and_its_export(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        await Expect(allowed, () => Host.Audit().ListAsync(cast.As(who).Id, new AuditFilter()));
        await Expect(allowed, () => Host.Audit().ExportCsvAsync(cast.As(who).Id, new AuditFilter()));
    }

    [Theory, MemberData(nameof(AdminOnly))]
    public async Task Site_settings(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        var settings = await Host.Settings().GetAsync();
        await Expect(allowed, () => Host.Settings().UpdateAsync(cast.As(who).Id, settings));
    }

    [Theory, MemberData(nameof(AdminOnly))]
    public async Task Changing_site_roles_deactivating_and_deleting(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        var target = await Host.CreateUserAsync("target");
        await Expect(allowed, () => Host.Users().ChangeRoleAsync(cast.As(who).Id, target.Id, SiteRole.Moderator));
        await Expect(allowed, () => Host.Users().SetDeactivatedAsync(cast.As(who).Id, target.Id, true));
        await Expect(allowed, () => Host.Users().DeleteAsync(cast.As(who).Id, target.Id, removeMessages: false));
    }

    [Theory, MemberData(nameof(ModeratorsAndUp))]
    public async Task The_report_queue(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        await Expect(allowed, () => Host.Reports().ListAsync(cast.As(who).Id, ReportStatus.Open));
    }

    [Theory, MemberData(nameof(ModeratorsAndUp))]
    public async Task Banning_and_unbanning(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        var target = await Host.CreateUserAsync("target");
        await Expect(allowed, () => Host.Users().BanAsync(cast.As(who).Id, target.Id, "spam", TimeSpan.FromHours(1)));
        await Expect(allowed, () => Host.Users().UnbanAsync(cast.As(who).Id, target.Id));
    }

    [Fact]
    public async Task A_site_moderator_cannot_ban_an_administrator_nor_anyone_themselves()
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Users().BanAsync(cast.SiteModerator.Id, cast.Admin.Id, "coup", null));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Users().BanAsync(cast.SiteModerator.Id, cast.SiteModerator.Id, "oops", null));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Users().ChangeRoleAsync(cast.Admin.Id, cast.Admin.Id, SiteRole.Member));
    }

    [Theory]
    [InlineData("member", false)]
    [InlineData("room moderator", true)]
    [InlineData("site moderator", true)]
    [InlineData("admin", true)]
    public async Task Muting_a_member_of_the_room(string who, bool allowed)
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        var target = await Host.CreateUserAsync("target");
        await Host.Rooms.JoinAsync(target.Id, cast.Room.Id);
        await Expect(allowed, () => Host.RoomModeration().MuteAsync(cast.As(who).Id, cast.Room.Id, target.Id, TimeSpan.FromMinutes(10), "flooding"));
    }

    [Fact]
    public async Task A_site_administrator_manages_a_private_room_they_are_not_in()
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        var room = await Host.Rooms.CreateChannelAsync(cast.Owner.Id, "Hidden", null, isPrivate: true);
        await Host.Rooms.InviteAsync(cast.Owner.Id, room.Id, [cast.Member.Id]);

        (await Host.Rooms.ListMembersAsync(cast.Admin.Id, room.Id)).Count.ShouldBe(2);
        (await Host.Rooms.SetArchivedAsync(cast.Admin.Id, room.Id, true)).IsArchived.ShouldBeTrue();
        await Host.Rooms.SetArchivedAsync(cast.Admin.Id, room.Id, false);
        await Host.Rooms.TransferOwnershipAsync(cast.Admin.Id, room.Id, cast.Member.Id);
        (await Host.Rooms.ListMembersAsync(cast.Admin.Id, room.Id)).Single(m => m.UserId == cast.Member.Id).Role.ShouldBe(Core.Rooms.RoomRole.Owner);
        await Host.Rooms.DeleteAsync(cast.Admin.Id, room.Id);
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.ListMembersAsync(cast.Admin.Id, room.Id));
        // A site moderator has no such power over rooms.
        var other = await Host.Rooms.CreateChannelAsync(cast.Owner.Id, "Other", null, isPrivate: true);
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.SetArchivedAsync(cast.SiteModerator.Id, other.Id, true));
    }

    private static async Task Expect<T>(bool allowed, Func<Task<T>> action)
    {
        if (allowed) await action();
        else await Should.ThrowAsync<ChatForbiddenException>(action);
    }

    private static async Task Expect(bool allowed, Func<Task> action)
    {
        if (allowed) await action();
        else await Should.ThrowAsync<ChatForbiddenException>(action);
    }
}
