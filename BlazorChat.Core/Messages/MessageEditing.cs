using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Moderation;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Changing what a message says: editing with history, and deleting (by its author, or by a moderator with a reason).</summary>
public sealed class MessageEditing(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    MarkdownRenderer markdown,
    AttachmentService attachments,
    TimeProvider clock,
    Settings.SiteSettingsService? settings = null)
{
    /// <summary>
    /// Replaces the body of <paramref name="messageId"/>. Only its author may, while a member of a
    /// room that is not archived. The previous body is kept as a revision, the HTML re-rendered,
    /// the mentions recomputed; an unchanged body changes nothing.
    /// </summary>
    public async Task<MessageView> EditAsync(Guid editorId, Guid messageId, string body, CancellationToken ct = default)
    {
        body = MessageService.NormalizeBody(body, await MessageService.MaxLengthAsync(settings, ct));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, room, membership) = await MessageAccess.RequireReadableAsync(db, messageId, editorId, ct);
        MessageAccess.Allow(MessageRules.WhyCannotEdit(editorId, membership?.Role, room.IsArchived, message.AuthorId, message.DeletedAt is not null));
        if (message.Body == body) return await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);

        var prepared = await MentionResolution.PrepareAsync(db, markdown, room.Id, editorId, membership!.Role, body, ct);
        var now = clock.GetUtcNow();
        db.MessageRevisions.Add(new MessageRevision
        {
            Id = Guid.CreateVersion7(),
            MessageId = message.Id,
            Body = message.Body,
            BodyHtml = message.BodyHtml,
            ReplacedAt = now,
        });
        message.Body = body;
        message.BodyHtml = prepared.Html;
        message.HasLink = MarkdownRenderer.ContainsLink(prepared.Html);
        message.EditedAt = now;
        message.MentionsRoom = prepared.MentionsRoom;

        var before = await db.Mentions.Where(x => x.MessageId == messageId).ToListAsync(ct);
        db.Mentions.RemoveRange(before.Where(x => !prepared.MentionedUserIds.Contains(x.UserId)));
        var newlyMentioned = prepared.MentionedUserIds.Where(id => before.All(x => x.UserId != id)).ToList();
        db.Mentions.AddRange(newlyMentioned.Select(id => new Mention { MessageId = messageId, UserId = id, RoomId = room.Id }));
        await db.SaveChangesAsync(ct);

        var view = await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
        await bus.PublishAsync(new MessageChanged(view), ct);
        foreach (var userId in newlyMentioned)
            await bus.PublishAsync(new MentionReceived(userId, new LinkedMessage(view, room.Slug, room.Name)), ct);
        return view;
    }

    /// <summary>
    /// Deletes <paramref name="messageId"/>, leaving a tombstone that keeps its <c>Seq</c>. The author
    /// deletes their own; room moderators and up delete anyone's, giving a <paramref name="reason"/>
    /// that is stored with the message and in the audit log in the same transaction. Deleting a
    /// deleted message changes nothing. A deleted message is unpinned, and its files are removed.
    /// </summary>
    public async Task<MessageView> DeleteAsync(Guid actorId, Guid messageId, string? reason = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, room, membership) = await MessageAccess.RequireReadableAsync(db, messageId, actorId, ct);
        if (message.DeletedAt is not null && membership is not null) return await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
        MessageAccess.Allow(MessageRules.WhyCannotDelete(actorId, membership?.Role, room.IsArchived, message.AuthorId, message.DeletedAt is not null));

        var now = clock.GetUtcNow();
        if (MessageRules.NeedsDeleteReason(actorId, message.AuthorId)) RemoveByModerator(db, message, actorId, reason, now);
        else MarkDeleted(message, now);
        var files = await db.Attachments.Where(a => a.MessageId == messageId && a.DeletedAt == null).ToListAsync(ct);
        foreach (var file in files) file.DeletedAt = now;
        await db.SaveChangesAsync(ct);
        // After commit: the rows are marked, so a failure here leaves the bytes to the cleanup job.
        if (files.Count > 0) await attachments.PurgeAsync([.. files.Select(f => f.Id)], ct);

        var view = await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
        await bus.PublishAsync(new MessageChanged(view), ct);
        return view;
    }

    /// <summary>
    /// Deletes a tracked message on a moderator's behalf: the reason is required, kept with the
    /// message and written to the audit log in the caller's transaction.
    /// </summary>
    internal static void RemoveByModerator(ChatDbContext db, Message message, Guid actorId, string? reason, DateTimeOffset now)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new ChatValidationException("Reason", "Say why this message is being deleted.");
        if (reason.Length > Message.ReasonMaxLength)
            throw new ChatValidationException("Reason", $"A reason has at most {Message.ReasonMaxLength} characters.");
        message.DeletedById = actorId;
        message.DeleteReason = reason;
        AuditLog.Record(db, actorId, "message.delete", $"message:{message.Id}", now, message.RoomId, reason);
        MarkDeleted(message, now);
    }

    private static void MarkDeleted(Message message, DateTimeOffset now)
    {
        message.DeletedAt = now;
        message.PinnedAt = null;
        message.PinnedById = null;
    }

    /// <summary>The bodies <paramref name="messageId"/> had before its edits, oldest first; none once it is deleted.</summary>
    public async Task<IReadOnlyList<MessageRevisionView>> GetRevisionsAsync(Guid viewerId, Guid messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, _, _) = await MessageAccess.RequireReadableAsync(db, messageId, viewerId, ct);
        if (message.DeletedAt is not null) return [];
        // Ordered in memory: SQLite cannot order by time, and a message has few revisions.
        var revisions = await db.MessageRevisions.AsNoTracking().Where(r => r.MessageId == messageId)
            .Select(r => new MessageRevisionView(r.BodyHtml, r.ReplacedAt)).ToListAsync(ct);
        return [.. revisions.OrderBy(r => r.ReplacedAt)];
    }
}
