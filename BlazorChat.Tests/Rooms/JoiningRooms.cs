using BlazorChat.Core.Common;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Rooms;

/// <summary>Anyone may join a public channel; a private one does not exist for outsiders.</summary>
public sealed class JoiningRooms(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Joining_a_public_channel_makes_the_user_a_member_who_can_post()
    {
        var (room, _) = await Host.CreateChannelAsync("Open doors");
        var newcomer = await Host.CreateUserAsync("newcomer");

        var joined = await Host.Rooms.JoinAsync(newcomer.Id, room.Id);

        joined.ViewerRole.ShouldBe(RoomRole.Member);
        (await Host.Rooms.ListMineAsync(newcomer.Id)).Select(r => r.Id).ShouldContain(room.Id);
        (await Host.Messages.SendAsync(newcomer.Id, room.Id, Guid.NewGuid(), "hi all")).Seq.ShouldBe(1);
    }

    [Fact]
    public async Task A_newcomer_starts_with_the_existing_history_read()
    {
        var (room, owner) = await Host.CreateChannelAsync("Old news");
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "before you came");
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "also before");
        var newcomer = await Host.CreateUserAsync("newcomer");

        await Host.Rooms.JoinAsync(newcomer.Id, room.Id);

        (await Host.Rooms.ListMineAsync(newcomer.Id)).Single(r => r.Id == room.Id).UnreadCount.ShouldBe(0);
    }

    [Fact]
    public async Task Joining_twice_keeps_one_membership()
    {
        var (room, _) = await Host.CreateChannelAsync("Twice joined");
        var newcomer = await Host.CreateUserAsync("newcomer");

        await Host.Rooms.JoinAsync(newcomer.Id, room.Id);
        var again = await Host.Rooms.JoinAsync(newcomer.Id, room.Id);

        again.ViewerRole.ShouldBe(RoomRole.Member);
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.RoomMembers.CountAsync(m => m.RoomId == room.Id && m.UserId == newcomer.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task Joining_from_several_tabs_at_once_keeps_one_membership()
    {
        var (room, _) = await Host.CreateChannelAsync("Many tabs");
        var newcomer = await Host.CreateUserAsync("newcomer");

        var joined = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Host.Rooms.JoinAsync(newcomer.Id, room.Id))));

        joined.ShouldAllBe(r => r.ViewerRole == RoomRole.Member);
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.RoomMembers.CountAsync(m => m.RoomId == room.Id && m.UserId == newcomer.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_private_channel_cannot_be_joined_and_looks_missing()
    {
        var (room, _) = await Host.CreateChannelAsync("Invite only", isPrivate: true);
        var outsider = await Host.CreateUserAsync("outsider");

        var refused = await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.JoinAsync(outsider.Id, room.Id));
        var missing = await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.JoinAsync(outsider.Id, Guid.NewGuid()));

        refused.Message.ShouldBe(missing.Message);
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Rooms.OpenAsync(outsider.Id, room.Slug));
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.RoomMembers.AnyAsync(m => m.RoomId == room.Id && m.UserId == outsider.Id)).ShouldBeFalse();
    }
}
