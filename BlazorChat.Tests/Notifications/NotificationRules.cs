using BlazorChat.Core.Common;
using BlazorChat.Core.Notifications;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Notifications;

/// <summary>When a browser notification is shown, and who may change a room's level.</summary>
public sealed class NotificationRules(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private NotificationPreferences Preferences => fixture.Host.Services.GetRequiredService<NotificationPreferences>();

    [Theory]
    [InlineData(NotificationLevel.All, false, false, true, RoomKind.PublicChannel, true)]
    [InlineData(NotificationLevel.All, false, false, false, RoomKind.PublicChannel, false)]
    [InlineData(NotificationLevel.All, false, false, false, RoomKind.DirectMessage, true)]
    [InlineData(NotificationLevel.All, false, false, false, RoomKind.GroupMessage, true)]
    [InlineData(NotificationLevel.Mentions, false, false, false, RoomKind.DirectMessage, false)]
    [InlineData(NotificationLevel.Mentions, false, false, true, RoomKind.PrivateChannel, true)]
    [InlineData(NotificationLevel.Nothing, false, false, true, RoomKind.DirectMessage, false)]
    [InlineData(NotificationLevel.All, true, false, true, RoomKind.DirectMessage, false)]
    [InlineData(NotificationLevel.All, false, true, true, RoomKind.DirectMessage, false)]
    public void Mentions_and_direct_messages_notify_unless_silenced(
        NotificationLevel level, bool doNotDisturb, bool tabInView, bool mentionsViewer, RoomKind kind, bool expected) =>
        NotificationPreferences.ShouldNotify(level, doNotDisturb, tabInView, mentionsViewer, kind).ShouldBe(expected);

    [Fact]
    public async Task A_member_sets_their_own_level_and_an_outsider_cannot()
    {
        var (room, owner) = await fixture.Host.CreateChannelAsync("Quiet", isPrivate: true);
        var outsider = await fixture.Host.CreateUserAsync("outsider");

        await Preferences.SetLevelAsync(owner.Id, room.Id, NotificationLevel.Mentions);

        (await Preferences.GetLevelsAsync(owner.Id))[room.Id].ShouldBe(NotificationLevel.Mentions);
        await Should.ThrowAsync<ChatNotFoundException>(() => Preferences.SetLevelAsync(outsider.Id, room.Id, NotificationLevel.Nothing));
    }
}
