using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// Rooms with the people the message rules talk about: an owner, a moderator, a member and an
/// outsider. Roles, archiving and removal are written to the database directly, because the
/// message tests are about what messages allow, not about how rooms change.
/// </summary>
public sealed record MessageTestRoom(RoomView Room, ChatUser Owner, ChatUser Moderator, ChatUser Member, ChatUser Outsider)
{
    public Guid Id => Room.Id;
}

public static class MessageTestRooms
{
    public static MessageEditing Editing(this ChatTestHost host) => host.Services.GetRequiredService<MessageEditing>();
    public static ReactionService Reactions(this ChatTestHost host) => host.Services.GetRequiredService<ReactionService>();
    public static PinService Pins(this ChatTestHost host) => host.Services.GetRequiredService<PinService>();
    public static SavedMessageService Saved(this ChatTestHost host) => host.Services.GetRequiredService<SavedMessageService>();
    public static MentionService Mentions(this ChatTestHost host) => host.Services.GetRequiredService<MentionService>();

    /// <summary>A channel with an owner, a moderator and a member, plus someone who never joined.</summary>
    public static async Task<MessageTestRoom> CreateTeamRoomAsync(this ChatTestHost host, string name, bool isPrivate = false)
    {
        var (room, owner) = await host.CreateChannelAsync(name, isPrivate);
        var moderator = await host.CreateUserAsync("mod");
        var member = await host.CreateUserAsync("member");
        var outsider = await host.CreateUserAsync("outsider");
        await host.AddMemberAsync(room.Id, moderator.Id, RoomRole.Moderator);
        await host.AddMemberAsync(room.Id, member.Id);
        return new MessageTestRoom(room, owner, moderator, member, outsider);
    }

    public static async Task AddMemberAsync(this ChatTestHost host, Guid roomId, Guid userId, RoomRole role = RoomRole.Member)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        db.RoomMembers.Add(new RoomMember { RoomId = roomId, UserId = userId, Role = role, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    public static async Task RemoveMemberAsync(this ChatTestHost host, Guid roomId, Guid userId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == userId).ExecuteDeleteAsync();
    }

    public static async Task ArchiveAsync(this ChatTestHost host, Guid roomId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(r => r.SetProperty(x => x.IsArchived, true));
    }

    /// <summary>Sends <paramref name="body"/> as <paramref name="author"/> with a fresh client message id.</summary>
    public static Task<MessageView> SayAsync(this ChatTestHost host, ChatUser author, Guid roomId, string body, SendOptions? options = null) =>
        host.Messages.SendAsync(author.Id, roomId, Guid.NewGuid(), body, options ?? SendOptions.None);

    /// <summary>The stored row, read fresh.</summary>
    public static async Task<Message> StoredAsync(this ChatTestHost host, Guid messageId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId);
    }

    public static async Task<List<AuditEntry>> AuditOfRoomAsync(this ChatTestHost host, Guid roomId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.RoomId == roomId).ToListAsync();
    }

    public static async Task<List<Guid>> MentionedUsersAsync(this ChatTestHost host, Guid messageId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.Mentions.AsNoTracking().Where(m => m.MessageId == messageId).Select(m => m.UserId).ToListAsync();
    }

    public static async Task<int> RevisionCountAsync(this ChatTestHost host, Guid messageId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.MessageRevisions.CountAsync(r => r.MessageId == messageId);
    }

    /// <summary>Collects the events published on a topic until disposed (the in-memory bus delivers before PublishAsync returns).</summary>
    public static EventRecorder Record(this ChatTestHost host, string topic) => new(host.Services.GetRequiredService<IEventBus>(), topic);
}

public sealed class EventRecorder : IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<ChatEvent> _events = [];

    public EventRecorder(IEventBus bus, string topic) =>
        _subscription = bus.Subscribe(topic, e => { lock (_events) _events.Add(e); return Task.CompletedTask; });

    public IReadOnlyList<T> Of<T>() where T : ChatEvent { lock (_events) return [.. _events.OfType<T>()]; }

    public void Dispose() => _subscription.Dispose();
}
