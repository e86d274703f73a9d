using BlazorChat.Core.Data;

namespace BlazorChat.Core.Moderation;

/// <summary>Adds audit entries inside the caller's unit of work, so the entry commits with the action or not at all.</summary>
internal static class AuditLog
{
    public static void Record(ChatDbContext db, Guid actorId, string action, string target, DateTimeOffset at,
        Guid? roomId = null, string? reason = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            ActorId = actorId,
            Action = action,
            Target = target.Length > AuditEntry.TargetMaxLength ? target[..AuditEntry.TargetMaxLength] : target,
            RoomId = roomId,
            Reason = reason,
            CreatedAt = at,
        });
}
