using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Rooms;

/// <summary>An archived room is read-only for everyone until an admin brings it back.</summary>
public sealed class ArchivingRooms(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public async Task An_archived_room_keeps_its_history_readable_and_refuses_posts_and_joins()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await Host.Messages.SendAsync(cast.Member.Id, cast.Room.Id, Guid.NewGuid(), "before the archive");

        var view = await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true);

        view.IsArchived.ShouldBeTrue();
        (await Host.Messages.GetLatestAsync(cast.Member.Id, cast.Room.Id)).ShouldHaveSingleItem();
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Messages.SendAsync(cast.Owner.Id, cast.Room.Id, Guid.NewGuid(), "after"));
        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.JoinAsync(cast.Outsider.Id, cast.Room.Id));
        (await Host.Messages.GetLatestAsync(cast.Member.Id, cast.Room.Id)).ShouldHaveSingleItem();
        (await cast.Rooms.BrowseAsync(cast.Outsider.Id, "Cast")).Select(e => e.Id).ShouldNotContain(cast.Room.Id);
    }

    [Fact]
    public async Task Unarchiving_opens_the_room_again()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true);

        (await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: false)).IsArchived.ShouldBeFalse();

        (await Host.Messages.SendAsync(cast.Member.Id, cast.Room.Id, Guid.NewGuid(), "we are back")).Seq.ShouldBe(1);
        (await cast.Rooms.JoinAsync(cast.Outsider.Id, cast.Room.Id)).IsMember.ShouldBeTrue();
    }

    [Fact]
    public async Task Archiving_and_unarchiving_are_audited()
    {
        var cast = await RoomCast.CreateAsync(Host);

        await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true);
        await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true); // already archived: nothing to record
        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: false);

        var audit = await RoomState.AuditOfAsync(Host, cast.Room.Id);
        audit.Where(a => a.Action.StartsWith("room.")).Select(a => (a.Action, a.ActorId))
            .ShouldBe([("room.archive", cast.Admin.Id), ("room.unarchive", cast.Owner.Id)]);
    }

    [Theory]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Member)]
    [InlineData(null)]
    public async Task Only_admins_and_up_archive(RoomRole? actor)
    {
        var cast = await RoomCast.CreateAsync(Host);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.SetArchivedAsync(cast.As(actor).Id, cast.Room.Id, archived: true));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Only_admins_and_up_unarchive()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.SetArchivedAsync(cast.Moderator.Id, cast.Room.Id, archived: false));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Everyone_viewing_the_room_and_every_members_sidebar_hear_that_it_was_archived()
    {
        var cast = await RoomCast.CreateAsync(Host);
        using var room = new EventRecorder(Host, Topics.Room(cast.Room.Id));
        using var member = new EventRecorder(Host, Topics.User(cast.Member.Id));
        using var directory = new EventRecorder(Host, Topics.Directory);

        await cast.Rooms.SetArchivedAsync(cast.Admin.Id, cast.Room.Id, archived: true);

        room.Of<RoomUpdated>().ShouldHaveSingleItem().Room.IsArchived.ShouldBeTrue();
        member.Of<RoomUpdated>().ShouldHaveSingleItem().Room.IsArchived.ShouldBeTrue();
        directory.Of<DirectoryChanged>().ShouldHaveSingleItem();
    }
}
