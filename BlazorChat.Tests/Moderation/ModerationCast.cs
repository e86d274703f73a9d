using BlazorChat.Core.Moderation;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Settings;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Moderation;

/// <summary>The people moderation is about: a member, a room moderator, a site moderator and the site administrator, in one room.</summary>
internal sealed record ModerationCast(ChatTestHost Host, RoomView Room, ChatUser Admin, ChatUser SiteModerator, ChatUser RoomModerator, ChatUser Member, ChatUser Owner)
{
    public static async Task<ModerationCast> CreateAsync(ChatHostFixture fixture)
    {
        var host = fixture.Host;
        var cast = await RoomCast.CreateAsync(host, name: "Moderated");
        var siteModerator = await host.CreateUserAsync("sitemod");
        await host.Users().ChangeRoleAsync(fixture.SiteAdmin.Id, siteModerator.Id, SiteRole.Moderator);
        return new ModerationCast(host, cast.Room, fixture.SiteAdmin, siteModerator, cast.Moderator, cast.Member, cast.Owner);
    }

    /// <summary>The actor for a permission row: "member", "room moderator", "site moderator" or "admin".</summary>
    public ChatUser As(string who) => who switch
    {
        "admin" => Admin,
        "site moderator" => SiteModerator,
        "room moderator" => RoomModerator,
        _ => Member,
    };
}

internal static class ModerationServices
{
    public static UserAdministration Users(this ChatTestHost host) => host.Services.GetRequiredService<UserAdministration>();
    public static ReportQueue Reports(this ChatTestHost host) => host.Services.GetRequiredService<ReportQueue>();
    public static RoomModeration RoomModeration(this ChatTestHost host) => host.Services.GetRequiredService<RoomModeration>();
    public static AuditTrail Audit(this ChatTestHost host) => host.Services.GetRequiredService<AuditTrail>();
    public static Dashboard Dashboard(this ChatTestHost host) => host.Services.GetRequiredService<Dashboard>();
    public static SiteSettingsService Settings(this ChatTestHost host) => host.Services.GetRequiredService<SiteSettingsService>();
}
