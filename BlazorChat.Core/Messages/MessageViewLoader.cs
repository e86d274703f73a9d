using BlazorChat.Core.Attachments;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>
/// Turns stored messages into <see cref="MessageView"/>s: authors, quoted snippets, reactions and
/// files in at most four queries per batch, whatever its size; one when no message of the batch
/// quotes, has reactions or carries files. Deleted messages lose body, quote, reactions and files.
/// </summary>
internal static class MessageViewLoader
{
    /// <summary>Views of <paramref name="messages"/>, in <c>Seq</c> order within each room.</summary>
    public static async Task<List<MessageView>> LoadAsync(ChatDbContext db, IQueryable<Message> messages, MarkdownRenderer markdown, CancellationToken ct)
    {
        var rows = await (
            from m in messages.AsNoTracking()
            join u in db.Users on m.AuthorId equals u.Id
            select new
            {
                Message = m, Username = u.UserName!, u.DisplayName, u.AvatarVersion,
                // Two index probes per message spare the page two queries when, as for most, nothing hangs on it.
                HasReactions = db.Reactions.Any(r => r.MessageId == m.Id),
                HasFiles = db.Attachments.Any(a => a.MessageId == m.Id && a.DeletedAt == null),
            }).ToListAsync(ct);
        if (rows.Count == 0) return [];

        var quotedIds = rows.Where(r => r.Message.QuotedMessageId is not null && r.Message.DeletedAt is null)
            .Select(r => r.Message.QuotedMessageId!.Value).Distinct().ToList();
        var quotes = quotedIds.Count == 0 ? [] : await (
            from q in db.Messages.AsNoTracking().Where(q => quotedIds.Contains(q.Id))
            join u in db.Users on q.AuthorId equals u.Id
            select new { q.Id, q.Seq, u.DisplayName, q.Body, IsDeleted = q.DeletedAt != null }).ToListAsync(ct);
        var quoteById = quotes.ToDictionary(q => q.Id, q => Quote(q.Id, q.Seq, q.DisplayName, q.Body, q.IsDeleted, markdown));

        var reactedIds = rows.Where(r => r.Message.DeletedAt is null && r.HasReactions).Select(r => r.Message.Id).ToList();
        var reactions = reactedIds.Count == 0 ? [] : await (
            from r in db.Reactions.AsNoTracking().Where(r => reactedIds.Contains(r.MessageId))
            join u in db.Users on r.UserId equals u.Id
            select new { r.MessageId, r.Emoji, r.UserId, u.DisplayName, r.CreatedAt }).ToListAsync(ct);
        // Emoji in the order they were first used, people in the order they reacted (times compared in memory: SQLite cannot order them).
        var reactionsByMessage = reactions.OrderBy(r => r.CreatedAt).GroupBy(r => r.MessageId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<ReactionGroup>)[.. g.GroupBy(r => r.Emoji, StringComparer.Ordinal)
                .Select(e => new ReactionGroup(e.Key, [.. e.Select(r => r.UserId)], [.. e.Select(r => r.DisplayName)]))]);

        var filedIds = rows.Where(r => r.Message.DeletedAt is null && r.HasFiles).Select(r => r.Message.Id).ToList();
        var withFiles = filedIds.Count == 0 ? [] : await db.Attachments.AsNoTracking()
            .Where(a => a.MessageId != null && filedIds.Contains(a.MessageId.Value) && a.DeletedAt == null).ToListAsync(ct);
        var filesByMessage = withFiles.GroupBy(a => a.MessageId!.Value).ToDictionary(
            g => g.Key, g => (IReadOnlyList<AttachmentView>)[.. g.OrderBy(a => a.Position).Select(AttachmentView.Of)]);

        return [.. rows.OrderBy(r => r.Message.RoomId).ThenBy(r => r.Message.Seq).Select(r =>
        {
            var m = r.Message;
            var deleted = m.DeletedAt is not null;
            return new MessageView(m.Id, m.RoomId, m.Seq, m.ClientMessageId, m.AuthorId, r.Username, r.DisplayName,
                deleted ? "" : m.BodyHtml, m.CreatedAt, m.EditedAt, deleted)
            {
                Body = deleted ? "" : m.Body,
                IsRemovedByModerator = deleted && m.DeletedById is not null && m.DeletedById != m.AuthorId,
                ThreadRootId = m.ThreadRootId,
                ReplyCount = m.ReplyCount,
                LastReplyAt = m.LastReplyAt,
                Quote = deleted || m.QuotedMessageId is not { } quoted ? null : quoteById.GetValueOrDefault(quoted),
                PinnedAt = m.PinnedAt,
                MentionsRoom = m.MentionsRoom,
                Reactions = deleted ? [] : reactionsByMessage.GetValueOrDefault(m.Id) ?? [],
                Attachments = deleted ? [] : filesByMessage.GetValueOrDefault(m.Id) ?? [],
                AuthorAvatarVersion = r.AvatarVersion,
            };
        })];
    }

    /// <summary>The view of one message.</summary>
    public static async Task<MessageView> LoadOneAsync(ChatDbContext db, Guid messageId, MarkdownRenderer markdown, CancellationToken ct) =>
        (await LoadAsync(db, db.Messages.Where(m => m.Id == messageId), markdown, ct)).SingleOrDefault()
        ?? throw new Common.ChatNotFoundException("message");

    /// <summary>What a quote-reply shows of the message it quotes.</summary>
    public static QuotedMessage Quote(Guid id, long seq, string authorDisplayName, string body, bool isDeleted, MarkdownRenderer markdown) =>
        new(id, seq, authorDisplayName, isDeleted ? "" : markdown.ToPlainText(Head(body), QuotedMessage.SnippetLength), isDeleted);

    // A snippet needs only the start of a long body.
    private static string Head(string body) => body.Length <= 2 * QuotedMessage.SnippetLength * 4 ? body : body[..(2 * QuotedMessage.SnippetLength * 4)];
}
