using BlazorChat.Core.Common;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>Who is in a room, by role then name, for anyone who may read it.</summary>
public sealed class MemberLists(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task Members_are_listed_with_names_and_roles_highest_role_first()
    {
        var cast = await RoomCast.CreateAsync(Host);

        var members = await cast.Rooms.ListMembersAsync(cast.Member.Id, cast.Room.Id);

        members.ShouldBe(
        [
            new RoomMemberView(cast.Owner.Id, cast.Owner.UserName!, cast.Owner.DisplayName, RoomRole.Owner),
            new RoomMemberView(cast.Admin.Id, cast.Admin.UserName!, cast.Admin.DisplayName, RoomRole.Admin),
            new RoomMemberView(cast.Moderator.Id, cast.Moderator.UserName!, cast.Moderator.DisplayName, RoomRole.Moderator),
            new RoomMemberView(cast.Member.Id, cast.Member.UserName!, cast.Member.DisplayName, RoomRole.Member),
        ]);
    }

    [Fact]
    public async Task Anyone_may_see_who_is_in_a_public_channel()
    {
        var cast = await RoomCast.CreateAsync(Host);

        (await cast.Rooms.ListMembersAsync(cast.Outsider.Id, cast.Room.Id)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task The_members_of_a_private_channel_are_hidden_like_the_channel()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);

        var hidden = await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.ListMembersAsync(cast.Outsider.Id, cast.Room.Id));
        var missing = await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.ListMembersAsync(cast.Outsider.Id, Guid.NewGuid()));

        hidden.Message.ShouldBe(missing.Message);
    }
}
