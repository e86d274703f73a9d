using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Attachments;

/// <summary>
/// How a sent message takes its files, inside the send's transaction: only the sender's own unsent
/// uploads for the same room, each once. A file claimed by a racing send makes this send fail
/// (and roll back) instead of sharing it.
/// </summary>
internal static class AttachmentClaims
{
    public static List<Guid> Normalize(IReadOnlyList<Guid>? ids)
    {
        var distinct = ids?.Distinct().ToList() ?? [];
        if (distinct.Count > Attachment.MaxPerMessage)
            throw new ChatValidationException("Attachments", $"A message can carry at most {Attachment.MaxPerMessage} files.");
        return distinct;
    }

    /// <summary>Checks that every file of <paramref name="ids"/> can go with the message; returns their views, in that order.</summary>
    public static async Task<IReadOnlyList<AttachmentView>> EnsureClaimableAsync(ChatDbContext db, Guid authorId, Guid roomId, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var claimable = await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.Id) && a.UploaderId == authorId && a.RoomId == roomId
            && a.MessageId == null && a.DeletedAt == null).ToDictionaryAsync(a => a.Id, ct);
        if (claimable.Count != ids.Count) throw Gone();
        return [.. ids.Select(id => AttachmentView.Of(claimable[id]))];
    }

    public static async Task ClaimAsync(ChatDbContext db, Guid messageId, Guid authorId, Guid roomId, List<Guid> ids, CancellationToken ct)
    {
        for (var position = 0; position < ids.Count; position++)
        {
            var id = ids[position];
            var at = position;
            var claimed = await db.Attachments
                .Where(a => a.Id == id && a.UploaderId == authorId && a.RoomId == roomId && a.MessageId == null && a.DeletedAt == null)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.MessageId, messageId).SetProperty(x => x.Position, at), ct);
            if (claimed != 1) throw Gone();
        }
    }

    private static ChatValidationException Gone() =>
        new("Attachments", "An attached file is no longer available. Remove it and attach it again.");
}
