using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>The directory lists public channels only, with member counts and whether the viewer is in them.</summary>
public sealed class RoomDirectory(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task The_directory_lists_public_channels_with_their_member_counts()
    {
        var (room, owner) = await Host.CreateChannelAsync("Directory crowd");
        var viewer = await Host.CreateUserAsync("viewer");
        for (var i = 0; i < 2; i++)
            await Host.Rooms.JoinAsync((await Host.CreateUserAsync("joiner")).Id, room.Id);

        var asViewer = (await Host.Rooms.BrowseAsync(viewer.Id, null)).Single(e => e.Id == room.Id);
        var asOwner = (await Host.Rooms.BrowseAsync(owner.Id, null)).Single(e => e.Id == room.Id);

        asViewer.MemberCount.ShouldBe(3);
        asViewer.Name.ShouldBe("Directory crowd");
        asViewer.IsMember.ShouldBeFalse();
        asOwner.IsMember.ShouldBeTrue();
    }

    [Fact]
    public async Task The_directory_never_lists_private_channels()
    {
        var (hidden, owner) = await Host.CreateChannelAsync("Directory secret", isPrivate: true);
        var listed = await Host.Rooms.CreateChannelAsync(owner.Id, "Directory visible", null, isPrivate: false);

        var entries = await Host.Rooms.BrowseAsync(owner.Id, null);

        entries.Select(e => e.Id).ShouldContain(listed.Id);
        entries.Select(e => e.Id).ShouldNotContain(hidden.Id);
        (await Host.Rooms.BrowseAsync(owner.Id, "secret")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Searching_the_directory_matches_name_or_topic_without_case()
    {
        var owner = await Host.CreateUserAsync();
        var byName = await Host.Rooms.CreateChannelAsync(owner.Id, "Zebra crossings", null, isPrivate: false);
        var byTopic = await Host.Rooms.CreateChannelAsync(owner.Id, "Stripes", "all about ZEBRAS", isPrivate: false);
        await Host.Rooms.CreateChannelAsync(owner.Id, "Horses", "not striped", isPrivate: false);

        var found = await Host.Rooms.BrowseAsync(owner.Id, "zebra");

        found.Select(e => e.Id).ShouldBe([byTopic.Id, byName.Id]); // by name: Stripes, Zebra crossings
    }
}
