using BlazorChat.Core.Common;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Rooms;

/// <summary>A channel needs a name of at most 80 characters; refused channels are not stored.</summary>
public sealed class ChannelValidation(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_name_is_refused_on_the_name_field(string name)
    {
        var owner = await Host.CreateUserAsync();

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.Rooms.CreateChannelAsync(owner.Id, name, null, isPrivate: false));

        refused.Field.ShouldBe("Name");
        await ShouldOwnNoRoomAsync(owner.Id);
    }

    [Fact]
    public async Task A_name_over_80_characters_is_refused_on_the_name_field()
    {
        var owner = await Host.CreateUserAsync();

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.Rooms.CreateChannelAsync(owner.Id, new string('n', Room.NameMaxLength + 1), null, isPrivate: false));

        refused.Field.ShouldBe("Name");
        refused.Message.ShouldContain("80");
        await ShouldOwnNoRoomAsync(owner.Id);
    }

    [Fact]
    public async Task A_name_of_exactly_80_characters_is_accepted()
    {
        var owner = await Host.CreateUserAsync();

        var room = await Host.Rooms.CreateChannelAsync(owner.Id, new string('n', Room.NameMaxLength), null, isPrivate: false);

        room.Name.Length.ShouldBe(Room.NameMaxLength);
        room.Slug.Length.ShouldBeLessThanOrEqualTo(Room.SlugMaxLength);
    }

    [Fact]
    public async Task A_topic_over_250_characters_is_refused_on_the_topic_field()
    {
        var owner = await Host.CreateUserAsync();

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            Host.Rooms.CreateChannelAsync(owner.Id, "Talkative", new string('t', Room.TopicMaxLength + 1), isPrivate: false));

        refused.Field.ShouldBe("Topic");
        await ShouldOwnNoRoomAsync(owner.Id);
    }

    private async Task ShouldOwnNoRoomAsync(Guid ownerId)
    {
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Rooms.CountAsync(r => r.CreatedById == ownerId)).ShouldBe(0);
    }
}
