using BlazorChat.Core.Rooms;

namespace BlazorChat.Core.Messages;

/// <summary>
/// Who may do what to a message, as plain functions of the caller's room role (null: not a
/// member), the room's archived flag and the message. Each returns the refusal for the person, or
/// null when allowed. The services enforce them; the UI asks the same functions which actions to
/// offer, so the two never disagree.
/// </summary>
public static class MessageRules
{
    public const string Archived = "This room is archived; it can be read but not changed.";
    public const string Deleted = "This message was deleted.";

    /// <summary>Editing: the author, while a member, in a room that is not archived.</summary>
    public static string? WhyCannotEdit(Guid actorId, RoomRole? role, bool roomArchived, Guid authorId, bool isDeleted) =>
        role is null ? "Join the room first."
        : roomArchived ? Archived
        : isDeleted ? Deleted
        : actorId != authorId ? "Only the author can edit a message."
        : null;

    /// <summary>Deleting: the author their own; room moderators and up anyone's (with a reason, see <see cref="NeedsDeleteReason"/>).</summary>
    public static string? WhyCannotDelete(Guid actorId, RoomRole? role, bool roomArchived, Guid authorId, bool isDeleted) =>
        role is null ? "Join the room first."
        : roomArchived ? Archived
        : isDeleted ? Deleted
        : actorId != authorId && role < RoomRole.Moderator ? "Only room moderators and up can delete other people's messages."
        : null;

    /// <summary>A moderator removing someone else's message says why; the reason goes to the audit log.</summary>
    public static bool NeedsDeleteReason(Guid actorId, Guid authorId) => actorId != authorId;

    /// <summary>Reacting: any member, on a message that is still there, in a room that is not archived.</summary>
    public static string? WhyCannotReact(RoomRole? role, bool roomArchived, bool isDeleted) =>
        role is null ? "Join the room to react."
        : roomArchived ? Archived
        : isDeleted ? Deleted
        : null;

    /// <summary>Pinning and unpinning: room moderators and up.</summary>
    public static string? WhyCannotPin(RoomRole? role, bool roomArchived, bool isDeleted) =>
        role is null or < RoomRole.Moderator ? "Only room moderators and up can pin messages."
        : roomArchived ? Archived
        : isDeleted ? Deleted
        : null;

    /// <summary>@here and @room call everyone, so only room moderators and up may use them.</summary>
    public static string? WhyCannotMentionRoom(RoomRole? role) =>
        role is null or < RoomRole.Moderator ? "Only room moderators and up can notify everyone with @here or @room." : null;
}
