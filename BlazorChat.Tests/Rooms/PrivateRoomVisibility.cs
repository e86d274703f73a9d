using BlazorChat.Core.Common;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>To an outsider a private channel looks exactly like a room that does not exist, wherever they look.</summary>
public sealed class PrivateRoomVisibility(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task A_private_channel_is_not_in_the_directory_even_when_searched_by_name()
    {
        var name = $"Hush {Guid.NewGuid():N}"[..16];
        var (room, owner) = await Host.CreateChannelAsync(name, isPrivate: true);
        var outsider = await Host.CreateUserAsync("outsider");

        (await Host.Rooms.BrowseAsync(outsider.Id, name)).ShouldBeEmpty();
        (await Host.Rooms.BrowseAsync(owner.Id, name)).ShouldBeEmpty();
        (await Host.Rooms.BrowseAsync(outsider.Id, null)).Select(e => e.Id).ShouldNotContain(room.Id);
    }

    [Fact]
    public async Task Every_way_in_answers_as_for_a_missing_room()
    {
        var (room, _) = await Host.CreateChannelAsync("Hidden", isPrivate: true);
        var outsider = await Host.CreateUserAsync("outsider");

        async Task<string> RefusalAsync(Func<Task> action) => (await Should.ThrowAsync<ChatNotFoundException>(action)).Message;
        var missing = await RefusalAsync(() => Host.Rooms.OpenAsync(outsider.Id, "no-such-room"));

        (await RefusalAsync(() => Host.Rooms.OpenAsync(outsider.Id, room.Slug))).ShouldBe(missing);
        (await RefusalAsync(() => Host.Rooms.JoinAsync(outsider.Id, room.Id))).ShouldBe(missing);
        (await RefusalAsync(() => Host.Rooms.ListMembersAsync(outsider.Id, room.Id))).ShouldBe(missing);
        (await RefusalAsync(() => Host.Rooms.InviteAsync(outsider.Id, room.Id, [outsider.Id]))).ShouldBe(missing);
        (await RefusalAsync(() => Host.Rooms.LeaveAsync(outsider.Id, room.Id))).ShouldBe(missing);
        (await RefusalAsync(() => Host.Messages.GetLatestAsync(outsider.Id, room.Id))).ShouldBe(missing);
    }
}
