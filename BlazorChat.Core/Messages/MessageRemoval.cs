using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>
/// Removes messages for good (retention, deleting an account with its messages). A thread root
/// whose replies stay is blanked into a "message deleted" tombstone instead, so the replies keep
/// their thread; it goes once its last reply goes. Their files are marked deleted in the same
/// transaction, and the attachment cleanup job removes the bytes.
/// </summary>
internal static class MessageRemoval
{
    public const int BatchSize = 500;

    /// <summary>Removes <paramref name="ids"/> (at most a batch); returns how many rows were deleted.</summary>
    public static async Task<int> DeleteAsync(ChatDbContext db, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Count == 0) return 0;
        var keptRoots = await db.Messages
            .Where(reply => reply.ThreadRootId != null && ids.Contains(reply.ThreadRootId.Value) && !ids.Contains(reply.Id))
            .Select(reply => reply.ThreadRootId!.Value).Distinct().ToListAsync(ct);
        var doomed = ids.Except(keptRoots).ToList();
        // Marked before the rows go (deleting a message only cuts the attachment's link to it).
        await db.Attachments.Where(a => a.MessageId != null && ids.Contains(a.MessageId.Value) && a.DeletedAt == null)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.DeletedAt, now), ct);
        // Replies refer to their roots without cascading: replies first, then everything else.
        var deleted = await db.Messages.Where(m => doomed.Contains(m.Id) && m.ThreadRootId != null).ExecuteDeleteAsync(ct);
        deleted += await db.Messages.Where(m => doomed.Contains(m.Id)).ExecuteDeleteAsync(ct);
        if (keptRoots.Count > 0)
            await db.Messages.Where(m => keptRoots.Contains(m.Id) && m.Body != "").ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Body, "")
                .SetProperty(x => x.BodyHtml, "")
                .SetProperty(x => x.DeletedAt, now)
                .SetProperty(x => x.PinnedAt, (DateTimeOffset?)null), ct);
        return deleted;
    }
}
