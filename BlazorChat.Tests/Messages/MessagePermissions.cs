using BlazorChat.Core.Common;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Only members post; private rooms look like missing rooms to outsiders; refused sends store nothing.</summary>
public sealed class MessagePermissions(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task A_non_member_cannot_send_to_a_private_room()
    {
        var (room, owner) = await Host.CreateChannelAsync("Private plans", isPrivate: true);
        var outsider = await Host.CreateUserAsync("outsider");

        await Should.ThrowAsync<ChatNotFoundException>(() =>
            Host.Messages.SendAsync(outsider.Id, room.Id, Guid.NewGuid(), "let me in"));

        (await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0)).ShouldBeEmpty();
        (await Host.Rooms.OpenAsync(owner.Id, room.Slug)).LastSeq.ShouldBe(0);
    }

    [Fact]
    public async Task A_non_member_cannot_send_to_a_public_room_they_did_not_join()
    {
        var (room, owner) = await Host.CreateChannelAsync("Open plans");
        var outsider = await Host.CreateUserAsync("outsider");

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() =>
            Host.Messages.SendAsync(outsider.Id, room.Id, Guid.NewGuid(), "drive-by"));

        refused.Message.ShouldContain("Join");
        (await Host.Messages.GetAfterAsync(owner.Id, room.Id, 0)).ShouldBeEmpty();
        (await Host.Rooms.OpenAsync(owner.Id, room.Slug)).LastSeq.ShouldBe(0);
    }

    [Fact]
    public async Task A_non_member_cannot_read_a_private_room_history()
    {
        var (room, owner) = await Host.CreateChannelAsync("Private history", isPrivate: true);
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "secret");
        var outsider = await Host.CreateUserAsync("outsider");

        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.GetLatestAsync(outsider.Id, room.Id));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.GetBeforeAsync(outsider.Id, room.Id, 10));
        await Should.ThrowAsync<ChatNotFoundException>(() => Host.Messages.GetAfterAsync(outsider.Id, room.Id, 0));
    }

    [Fact]
    public async Task Anyone_signed_in_can_read_a_public_room_history_before_joining()
    {
        var (room, owner) = await Host.CreateChannelAsync("Public history");
        await Host.Messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "welcome");
        var visitor = await Host.CreateUserAsync("visitor");

        var history = await Host.Messages.GetLatestAsync(visitor.Id, room.Id);

        history.ShouldHaveSingleItem().BodyHtml.ShouldBe("<p>welcome</p>");
    }
}
