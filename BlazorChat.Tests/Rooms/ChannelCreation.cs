using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Rooms;

/// <summary>Creating a channel: a slug from its name, unique across rooms, and the creator as owner.</summary>
public sealed class ChannelCreation(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData("Design Reviews", "design-reviews")]
    [InlineData("  Café  Société!! ", "cafe-societe")]
    [InlineData("Q3 / Q4 planning", "q3-q4-planning")]
    [InlineData("!!!", "room")]
    public async Task The_slug_is_made_from_the_name(string name, string slug)
    {
        var owner = await Host.CreateUserAsync();

        var room = await Host.Rooms.CreateChannelAsync(owner.Id, name, null, isPrivate: false);

        room.Slug.ShouldBe(slug);
        room.Name.ShouldBe(name.Trim());
    }

    [Fact]
    public async Task A_taken_slug_gets_the_next_free_number()
    {
        var owner = await Host.CreateUserAsync();

        var first = await Host.Rooms.CreateChannelAsync(owner.Id, "General", null, isPrivate: false);
        var second = await Host.Rooms.CreateChannelAsync(owner.Id, "General", null, isPrivate: false);
        var third = await Host.Rooms.CreateChannelAsync(owner.Id, "general", null, isPrivate: true);

        first.Slug.ShouldBe("general");
        second.Slug.ShouldBe("general-2");
        third.Slug.ShouldBe("general-3");
    }

    [Fact]
    public async Task Channels_created_at_once_with_one_name_all_get_distinct_slugs()
    {
        var owner = await Host.CreateUserAsync();

        var rooms = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            Host.Rooms.CreateChannelAsync(owner.Id, "Standup", null, isPrivate: false))));

        // Unique, and all made from the name; a creator that lost a race may skip a number.
        var slugs = rooms.Select(r => r.Slug).ToList();
        slugs.ShouldBeUnique();
        slugs.ShouldContain("standup");
        slugs.ShouldAllBe(slug => slug == "standup" || System.Text.RegularExpressions.Regex.IsMatch(slug, "^standup-[0-9]+$"));
    }

    [Fact]
    public async Task The_creator_becomes_the_owner_and_only_member()
    {
        var owner = await Host.CreateUserAsync();

        var room = await Host.Rooms.CreateChannelAsync(owner.Id, "Owned room", "  what we own ", isPrivate: false);

        room.ViewerRole.ShouldBe(RoomRole.Owner);
        room.Topic.ShouldBe("what we own");
        room.Kind.ShouldBe(RoomKind.PublicChannel);
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        var members = await db.RoomMembers.Where(m => m.RoomId == room.Id).ToListAsync();
        members.ShouldHaveSingleItem().UserId.ShouldBe(owner.Id);
        members[0].Role.ShouldBe(RoomRole.Owner);
    }

    [Fact]
    public async Task A_private_channel_is_of_the_private_kind()
    {
        var owner = await Host.CreateUserAsync();

        var room = await Host.Rooms.CreateChannelAsync(owner.Id, "Hidden room", null, isPrivate: true);

        room.Kind.ShouldBe(RoomKind.PrivateChannel);
        (await Host.Rooms.OpenAsync(owner.Id, room.Slug)).IsMember.ShouldBeTrue();
    }
}
