using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Rooms;

/// <summary>
/// A channel with one member of every role and one outsider, arranged through the real service,
/// so permission tests can act as each of them.
/// </summary>
internal sealed record RoomCast(ChatTestHost Host, RoomView Room, ChatUser Owner, ChatUser Admin, ChatUser Moderator, ChatUser Member, ChatUser Outsider)
{
    public static async Task<RoomCast> CreateAsync(ChatTestHost host, bool isPrivate = false, string name = "Cast")
    {
        var owner = await host.CreateUserAsync("owner");
        var room = await host.Rooms.CreateChannelAsync(owner.Id, name, null, isPrivate);
        var admin = await host.CreateUserAsync("admin");
        var moderator = await host.CreateUserAsync("moderator");
        var member = await host.CreateUserAsync("member");
        var outsider = await host.CreateUserAsync("outsider");
        await host.Rooms.InviteAsync(owner.Id, room.Id, [admin.Id, moderator.Id, member.Id]);
        await host.Rooms.ChangeRoleAsync(owner.Id, room.Id, admin.Id, RoomRole.Admin);
        await host.Rooms.ChangeRoleAsync(owner.Id, room.Id, moderator.Id, RoomRole.Moderator);
        return new RoomCast(host, room, owner, admin, moderator, member, outsider);
    }

    /// <summary>The person with <paramref name="role"/>; null is the outsider.</summary>
    public ChatUser As(RoomRole? role) => role switch
    {
        RoomRole.Owner => Owner,
        RoomRole.Admin => Admin,
        RoomRole.Moderator => Moderator,
        RoomRole.Member => Member,
        _ => Outsider,
    };

    public RoomService Rooms => Host.Rooms;

    /// <summary>Everything about the room a refused action must leave alone, in one comparable line.</summary>
    public Task<string> StateAsync() => RoomState.OfAsync(Host, Room.Id);
}

internal static class RoomState
{
    /// <summary>The room's settings, its members with roles, and its audit entries, in one comparable line ("gone" when deleted).</summary>
    public static async Task<string> OfAsync(ChatTestHost host, Guid roomId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId);
        if (room is null) return "gone";
        var members = (await db.RoomMembers.AsNoTracking().Where(m => m.RoomId == roomId).ToListAsync())
            .OrderBy(m => m.UserId).Select(m => $"{m.UserId}:{m.Role}");
        var audit = await db.AuditEntries.CountAsync(a => a.RoomId == roomId);
        var messages = await db.Messages.CountAsync(m => m.RoomId == roomId);
        return $"{room.Name}|{room.Topic}|archived:{room.IsArchived}|{room.PostingPolicy}|limit:{room.MemberLimit}|" +
               $"members:{string.Join(",", members)}|audit:{audit}|messages:{messages}";
    }

    /// <summary>The audit entries about a room, oldest first.</summary>
    public static async Task<List<Core.Moderation.AuditEntry>> AuditOfAsync(ChatTestHost host, Guid roomId)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        // Ids are time-ordered only to the millisecond; entries of one action can share one.
        return [.. (await db.AuditEntries.AsNoTracking().Where(a => a.RoomId == roomId).ToListAsync()).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)];
    }
}

/// <summary>Records what the real event bus delivers on some topics, as a circuit subscribed to them would see it.</summary>
internal sealed class EventRecorder : IDisposable
{
    private readonly List<ChatEvent> _events = [];
    private readonly List<IDisposable> _subscriptions;

    public EventRecorder(ChatTestHost host, params string[] topics)
    {
        var bus = host.Services.GetRequiredService<IEventBus>();
        _subscriptions = [.. topics.Select(topic => bus.Subscribe(topic, e =>
        {
            lock (_events) _events.Add(e);
            return Task.CompletedTask;
        }))];
    }

    /// <summary>What arrived so far, in order. The bus runs synchronous handlers before publishing returns.</summary>
    public IReadOnlyList<ChatEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public IReadOnlyList<T> Of<T>() where T : ChatEvent => [.. Events.OfType<T>()];

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}
