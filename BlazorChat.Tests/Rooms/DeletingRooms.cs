using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Rooms;

/// <summary>
/// The owner deletes a room with everything in it; every member loses it at once. Runs on both
/// databases: what cascades is up to the provider.
/// </summary>
public abstract class DeletingRooms(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;

    /// <summary>A message, a thread reply to it, a reaction, a mention, a revision and a saved copy: everything that hangs off a room.</summary>
    private async Task FillAsync(RoomCast cast)
    {
        var root = await Host.Messages.SendAsync(cast.Member.Id, cast.Room.Id, Guid.NewGuid(), "root");
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        await db.Rooms.Where(r => r.Id == cast.Room.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.LastSeq, 2));
        var now = DateTimeOffset.UtcNow;
        db.Messages.Add(new Message
        {
            Id = Guid.CreateVersion7(), RoomId = cast.Room.Id, Seq = 2, AuthorId = cast.Owner.Id, ClientMessageId = Guid.NewGuid(),
            Body = "reply", BodyHtml = "<p>reply</p>", CreatedAt = now, ThreadRootId = root.Id,
        });
        db.Reactions.Add(new Reaction { MessageId = root.Id, UserId = cast.Owner.Id, Emoji = "🎉", CreatedAt = now });
        db.Mentions.Add(new Mention { MessageId = root.Id, UserId = cast.Owner.Id, RoomId = cast.Room.Id });
        db.MessageRevisions.Add(new MessageRevision { Id = Guid.CreateVersion7(), MessageId = root.Id, Body = "rooot", BodyHtml = "<p>rooot</p>", ReplacedAt = now });
        db.SavedMessages.Add(new SavedMessage { UserId = cast.Admin.Id, MessageId = root.Id, SavedAt = now });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_owner_deletes_the_room_with_its_members_and_messages_and_it_is_audited()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await FillAsync(cast);

        await cast.Rooms.DeleteAsync(cast.Owner.Id, cast.Room.Id);

        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Rooms.AnyAsync(r => r.Id == cast.Room.Id)).ShouldBeFalse();
        (await db.RoomMembers.AnyAsync(m => m.RoomId == cast.Room.Id)).ShouldBeFalse();
        (await db.Messages.AnyAsync(m => m.RoomId == cast.Room.Id)).ShouldBeFalse();
        (await db.Mentions.AnyAsync(m => m.RoomId == cast.Room.Id)).ShouldBeFalse();
        (await db.SavedMessages.AnyAsync(s => s.UserId == cast.Admin.Id)).ShouldBeFalse();
        (await db.Reactions.AnyAsync(r => r.UserId == cast.Owner.Id)).ShouldBeFalse();
        var entry = (await RoomState.AuditOfAsync(Host, cast.Room.Id)).Last();
        (entry.Action, entry.ActorId, entry.Target, entry.Reason).ShouldBe(("room.delete", cast.Owner.Id, $"room:{cast.Room.Id}", "Cast"));
        await Should.ThrowAsync<ChatNotFoundException>(() => cast.Rooms.OpenAsync(cast.Owner.Id, cast.Room.Slug));
    }

    [Theory]
    [InlineData(RoomRole.Admin)]
    [InlineData(RoomRole.Moderator)]
    [InlineData(RoomRole.Member)]
    [InlineData(null)]
    public async Task Nobody_but_the_owner_deletes_a_room_and_nothing_is_lost(RoomRole? actor)
    {
        var cast = await RoomCast.CreateAsync(Host);
        await FillAsync(cast);
        var before = await cast.StateAsync();

        await Should.ThrowAsync<ChatForbiddenException>(() => cast.Rooms.DeleteAsync(cast.As(actor).Id, cast.Room.Id));

        (await cast.StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_archived_room_can_be_deleted()
    {
        var cast = await RoomCast.CreateAsync(Host);
        await cast.Rooms.SetArchivedAsync(cast.Owner.Id, cast.Room.Id, archived: true);

        await cast.Rooms.DeleteAsync(cast.Owner.Id, cast.Room.Id);

        (await cast.StateAsync()).ShouldBe("gone");
    }

    [Fact]
    public async Task Every_member_the_room_and_the_directory_hear_of_the_deletion()
    {
        var cast = await RoomCast.CreateAsync(Host);
        var members = new[] { cast.Owner, cast.Admin, cast.Moderator, cast.Member };
        using var sidebars = new EventRecorder(Host, [.. members.Select(m => Topics.User(m.Id)), Topics.User(cast.Outsider.Id)]);
        using var room = new EventRecorder(Host, Topics.Room(cast.Room.Id));
        using var directory = new EventRecorder(Host, Topics.Directory);

        await cast.Rooms.DeleteAsync(cast.Owner.Id, cast.Room.Id);

        sidebars.Of<RoomLeft>().ShouldBe(members.Select(m => new RoomLeft(m.Id, cast.Room.Id, RoomLeftReason.Deleted)), ignoreOrder: true);
        room.Of<RoomDeleted>().ShouldHaveSingleItem().RoomId.ShouldBe(cast.Room.Id);
        directory.Of<DirectoryChanged>().ShouldHaveSingleItem().RoomId.ShouldBe(cast.Room.Id);
    }
}

public sealed class DeletingRooms_on_Sqlite(SqliteChatHost fixture) : DeletingRooms(fixture), IClassFixture<SqliteChatHost>;

public sealed class DeletingRooms_on_Postgres(PostgresChatHost fixture) : DeletingRooms(fixture), IClassFixture<PostgresChatHost>;
