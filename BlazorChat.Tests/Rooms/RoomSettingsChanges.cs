using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>Admins and up change a room's name, topic, posting policy and member limit; everyone sees it at once.</summary>
public sealed class RoomSettingsChanges(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private static RoomSettings Renamed(string name = "Renamed", int limit = 50) =>
        new(name, "New topic", PostingPolicy.ModeratorsOnly, limit);

    [Theory]
    [InlineData(RoomRole.Admin)]
    [InlineData(RoomRole.Owner)]
    public async Task An_admin_or_the_owner_changes_the_settings_and_the_slug_stays(RoomRole actor)
    {
        var cast = await RoomCast.CreateAsync(Host);

        var view = await cast.Rooms.UpdateSettingsAsync(cast.As(actor).Id, cast.Room.Id, Renamed());

        (view.Name, view.Topic, view.PostingPolicy, view.MemberLimit, view.Slug).ShouldBe(("Renamed", "New topic", PostingPolicy.ModeratorsOnly, 50, cast.Room.Slug));
        var reopened = await cast.Rooms.OpenAsync(cast.Member.Id, cast.Room.Slug);
        (reopened.Name, reopened.Topic, reopened.PostingPolicy, reopened.MemberLimit).ShouldBe(("Renamed", "New topic", PostingPolicy.ModeratorsOnly, 50));
    }

    [Theory]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Member)]
    public async Task Moderators_and_members_cannot_change_the_settings(RoomRole actor)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.UpdateSettingsAsync(cast.As(actor).Id, cast.Room.Id, Renamed()));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Outsiders_cannot_change_the_settings_and_a_private_room_looks_missing()
    {
        var open = await RoomCast.CreateAsync(Host);
        var closed = await RoomCast.CreateAsync(Host, isPrivate: true);
        var before = await open.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => open.Rooms.UpdateSettingsAsync(open.Outsider.Id, open.Room.Id, Renamed()));
        await Should.ThrowAsync<ChatNotFoundException>(() => closed.Rooms.UpdateSettingsAsync(closed.Outsider.Id, closed.Room.Id, Renamed()));

        (await open.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_settings_of_an_archived_room_do_not_change()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: true);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.UpdateSettingsAsync(cast.Owner.Id, cast.Room.Id, Renamed()));

        refused.Message.ShouldContain("unarchive");
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("", 50, "Name")]
    [InlineData("   ", 50, "Name")]
    [InlineData("Fine", 1, "MemberLimit")]
    [InlineData("Fine", 10_001, "MemberLimit")]
    [InlineData("Fine", 3, "MemberLimit")] // the room has 4 members already
    public async Task Bad_settings_are_refused_on_their_field_and_nothing_changes(string name, int limit, string field)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        var refused = await Should.ThrowAsync<ChatValidationException>(() => cast.Rooms.UpdateSettingsAsync(cast.Owner.Id, cast.Room.Id, Renamed(name, limit)));

        refused.Field.ShouldBe(field);
        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_too_long_name_or_topic_is_refused_on_its_field()
    {
        var cast = await RoomCast.CreateAsync(Host);

        (await Should.ThrowAsync<ChatValidationException>(() => cast.Rooms.UpdateSettingsAsync(cast.Owner.Id, cast.Room.Id,
            new RoomSettings(new string('n', Room.NameMaxLength + 1), null, PostingPolicy.Everyone, 100)))).Field.ShouldBe("Name");
        (await Should.ThrowAsync<ChatValidationException>(() => cast.Rooms.UpdateSettingsAsync(cast.Owner.Id, cast.Room.Id,
            new RoomSettings("Fine", new string('t', Room.TopicMaxLength + 1), PostingPolicy.Everyone, 100)))).Field.ShouldBe("Topic");
    }

    [Fact]
    public async Task In_a_moderators_only_room_members_cannot_post_but_moderators_can()
    {
        var cast = await RoomCast.CreateAsync(Host);

        await cast.Rooms.UpdateSettingsAsync(cast.Admin.Id, cast.Room.Id, Renamed());

        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Messages.SendAsync(cast.Member.Id, cast.Room.Id, Guid.NewGuid(), "may I?"));
        (await Host.Messages.SendAsync(cast.Moderator.Id, cast.Room.Id, Guid.NewGuid(), "announcement")).Seq.ShouldBe(1);
    }

    [Fact]
    public async Task The_room_every_members_sidebar_and_the_directory_hear_of_a_change()
    {
        var cast = await RoomCast.CreateAsync(Host);
        using var room = new EventRecorder(Host, Topics.Room(cast.Room.Id));
        using var sidebars = new EventRecorder(Host, Topics.User(cast.Owner.Id), Topics.User(cast.Member.Id), Topics.User(cast.Outsider.Id));
        using var directory = new EventRecorder(Host, Topics.Directory);

        await cast.Rooms.UpdateSettingsAsync(cast.Admin.Id, cast.Room.Id, Renamed());

        var expected = new RoomDetails(cast.Room.Id, cast.Room.Slug, "Renamed", "New topic", RoomKind.PublicChannel, false, PostingPolicy.ModeratorsOnly, 50);
        room.Of<RoomUpdated>().ShouldHaveSingleItem().ShouldBe(new RoomUpdated(expected));
        sidebars.Of<RoomUpdated>().Select(e => e.ForUserId).ShouldBe([cast.Owner.Id, cast.Member.Id], ignoreOrder: true);
        sidebars.Of<RoomUpdated>().ShouldAllBe(e => e.Room == expected);
        directory.Of<DirectoryChanged>().ShouldHaveSingleItem().RoomId.ShouldBe(cast.Room.Id);
    }

    [Fact]
    public async Task A_private_room_change_is_not_news_for_the_directory()
    {
        var cast = await RoomCast.CreateAsync(Host, isPrivate: true);
        using var directory = new EventRecorder(Host, Topics.Directory);

        await cast.Rooms.UpdateSettingsAsync(cast.Admin.Id, cast.Room.Id, Renamed());

        directory.Events.ShouldBeEmpty();
    }
}
