using BlazorChat.Core.Events;

namespace BlazorChat.Core.Moderation;

/// <summary>
/// An account was banned, deactivated or deleted: every open tab of that person signs out at once,
/// showing <see cref="Message"/>.
/// </summary>
public sealed record AccountSuspended(Guid UserId, string Message) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>A moderator warned a person about a message; their open tabs show the warning.</summary>
public sealed record UserWarned(Guid UserId, string Reason) : ChatEvent
{
    public override string Topic => Topics.User(UserId);
}

/// <summary>A member was muted in a room (or the mute was lifted, <see cref="Until"/> in the past); the room's composers update.</summary>
public sealed record MemberMuted(Guid RoomId, Guid UserId, DateTimeOffset? Until, bool IsMuted) : ChatEvent
{
    public override string Topic => Topics.Room(RoomId);
}

/// <summary>The report queue changed (a new report, or one was handled); open queues refresh.</summary>
public sealed record ReportQueueChanged(Guid ReportId) : ChatEvent
{
    public override string Topic => Topics.Moderation;
}
