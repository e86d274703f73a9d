using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Diagnostics;
using BlazorChat.Core.Events;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Sending and reading messages: the one write path for a new message, thread replies included.</summary>
public sealed class MessageService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    MarkdownRenderer markdown,
    SendRateLimiter rateLimiter,
    TimeProvider clock,
    SiteSettingsService? settings = null,
    ChatMetrics? metrics = null)
{
    /// <summary>The size of a history page.</summary>
    public const int PageSize = 50;

    /// <summary>The most replies a thread panel loads.</summary>
    public const int ThreadLimit = 1000;

    /// <summary>
    /// Stores a message and publishes it. Sending again with the same <paramref name="clientMessageId"/>
    /// returns the stored message and stores nothing new, so a retry never duplicates.
    /// </summary>
    public Task<MessageView> SendAsync(Guid authorId, Guid roomId, Guid clientMessageId, string body, CancellationToken ct = default) =>
        SendAsync(authorId, roomId, clientMessageId, body, SendOptions.None, ct);

    /// <summary>
    /// Stores a message, a thread reply or a quote-reply, and publishes it. A reply takes the
    /// room's next <c>Seq</c> like any message (delivery stays gap-free) and updates its root's
    /// reply count in the same transaction; the root's change is published too. A retry with the
    /// same <paramref name="clientMessageId"/> returns the stored message. Files uploaded for the
    /// room (<see cref="SendOptions.AttachmentIds"/>) are claimed in the same transaction; a
    /// message with files may have no text.
    /// </summary>
    public async Task<MessageView> SendAsync(Guid authorId, Guid roomId, Guid clientMessageId, string body, SendOptions options, CancellationToken ct = default)
    {
        // A graceful shutdown waits for sends that are running (ADR-010).
        using var running = metrics?.TrackSend();
        if (clientMessageId == Guid.Empty) throw new ChatValidationException("ClientMessageId", "A client message id is required.");
        var attachmentIds = AttachmentClaims.Normalize(options.AttachmentIds);
        body = NormalizeBody(body, await MaxLengthAsync(settings, ct), allowEmpty: attachmentIds.Count > 0);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await FindSentAsync(db, authorId, clientMessageId, ct);
        if (existing is not null) return existing;

        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, authorId, ct);
        RoomAccess.EnsureCanPost(room, membership);
        if (await RoomModeration.MuteRefusalAsync(db, roomId, authorId, clock.GetUtcNow(), ct) is { } muted) throw new ChatForbiddenException(muted);
        Guid? threadRootId = options.ThreadRootId is { } rootId ? await ResolveThreadRootAsync(db, roomId, rootId, ct) : null;
        if (options.QuotedMessageId is { } quotedId) await EnsureQuotableAsync(db, roomId, quotedId, ct);
        await AttachmentClaims.EnsureClaimableAsync(db, authorId, roomId, attachmentIds, ct);
        var prepared = await MentionResolution.PrepareAsync(db, markdown, roomId, authorId, membership!.Role, body, ct);
        // After the idempotency check (a retry of a stored message is free) and before any write.
        rateLimiter.Take(authorId);

        var now = clock.GetUtcNow();
        var message = new Message
        {
            Id = Guid.CreateVersion7(),
            RoomId = roomId,
            AuthorId = authorId,
            ClientMessageId = clientMessageId,
            Body = body,
            BodyHtml = prepared.Html,
            HasLink = MarkdownRenderer.ContainsLink(prepared.Html),
            CreatedAt = now,
            ThreadRootId = threadRootId,
            QuotedMessageId = options.QuotedMessageId,
            MentionsRoom = prepared.MentionsRoom,
        };

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // The update takes the room's row lock (a write lock on SQLite) until commit, so
            // concurrent senders in a room queue here and sequence numbers stay gap-free.
            await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(r => r.SetProperty(x => x.LastSeq, x => x.LastSeq + 1), ct);
            message.Seq = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.LastSeq).SingleAsync(ct);
            db.Messages.Add(message);
            db.Mentions.AddRange(prepared.MentionedUserIds.Select(userId => new Mention { MessageId = message.Id, UserId = userId, RoomId = roomId }));
            try
            {
                await db.SaveChangesAsync(ct);
                if (attachmentIds.Count > 0) await AttachmentClaims.ClaimAsync(db, message.Id, authorId, roomId, attachmentIds, ct);
                if (threadRootId is { } root)
                {
                    await db.Messages.Where(m => m.Id == root).ExecuteUpdateAsync(m => m
                        .SetProperty(x => x.ReplyCount, x => x.ReplyCount + 1)
                        .SetProperty(x => x.LastReplyAt, (DateTimeOffset?)now), ct);
                }
                // The author has read their own message.
                await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == authorId && m.LastReadSeq < message.Seq)
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.LastReadSeq, message.Seq), ct);
                await transaction.CommitAsync(ct);
                metrics?.MessageSent();
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // The same send raced itself (two tabs, a retry); the other one won.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await FindSentAsync(db, authorId, clientMessageId, ct)
                    ?? throw new ChatConflictException("ClientMessageId", "The message could not be stored; try again.");
            }
        }

        var view = await MessageViewLoader.LoadOneAsync(db, message.Id, markdown, ct);
        await bus.PublishAsync(new MessagePosted(view), ct);
        if (threadRootId is { } changedRoot)
            await bus.PublishAsync(new MessageChanged(await MessageViewLoader.LoadOneAsync(db, changedRoot, markdown, ct)), ct);
        foreach (var userId in prepared.MentionedUserIds)
            await bus.PublishAsync(new MentionReceived(userId, new LinkedMessage(view, room.Slug, room.Name)), ct);
        return view;
    }

    /// <summary>One message by id; a message of a room the viewer may not read is not found.</summary>
    public async Task<MessageView> GetAsync(Guid viewerId, Guid messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await MessageAccess.RequireReadableAsync(db, messageId, viewerId, ct);
        return await MessageViewLoader.LoadOneAsync(db, messageId, markdown, ct);
    }

    /// <summary>The newest page of a room, oldest first.</summary>
    public Task<IReadOnlyList<MessageView>> GetLatestAsync(Guid viewerId, Guid roomId, int limit = PageSize, CancellationToken ct = default) =>
        GetBeforeAsync(viewerId, roomId, long.MaxValue, limit, ct);

    /// <summary>Up to <paramref name="limit"/> messages with <c>Seq</c> below <paramref name="beforeSeq"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MessageView>> GetBeforeAsync(Guid viewerId, Guid roomId, long beforeSeq, int limit = PageSize, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        return await MessageViewLoader.LoadAsync(db, db.Messages.Where(m => m.RoomId == roomId && m.Seq < beforeSeq).OrderByDescending(m => m.Seq).Take(limit), markdown, ct);
    }

    /// <summary>Up to <paramref name="limit"/> messages with <c>Seq</c> above <paramref name="afterSeq"/>, oldest first: what a view missed.</summary>
    public async Task<IReadOnlyList<MessageView>> GetAfterAsync(Guid viewerId, Guid roomId, long afterSeq, int limit = 200, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        return await MessageViewLoader.LoadAsync(db, db.Messages.Where(m => m.RoomId == roomId && m.Seq > afterSeq).OrderBy(m => m.Seq).Take(limit), markdown, ct);
    }

    /// <summary>
    /// The message with <paramref name="seq"/> in context: up to <paramref name="before"/> messages
    /// before it, itself, and up to <paramref name="after"/> after it, oldest first. A deep link
    /// <c>/r/{slug}/{seq}</c> opens here; a number past the end gives the newest messages.
    /// </summary>
    public async Task<IReadOnlyList<MessageView>> GetAroundAsync(Guid viewerId, Guid roomId, long seq, int before = 25, int after = 25, CancellationToken ct = default)
    {
        before = Math.Clamp(before, 0, 200);
        after = Math.Clamp(after, 0, 200);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        var older = db.Messages.Where(m => m.RoomId == roomId && m.Seq < seq).OrderByDescending(m => m.Seq).Take(before).Select(m => m.Id);
        var rest = db.Messages.Where(m => m.RoomId == roomId && m.Seq >= seq).OrderBy(m => m.Seq).Take(after + 1).Select(m => m.Id);
        var ids = (await older.ToListAsync(ct)).Concat(await rest.ToListAsync(ct)).ToList();
        return await MessageViewLoader.LoadAsync(db, db.Messages.Where(m => ids.Contains(m.Id)), markdown, ct);
    }

    /// <summary>
    /// A thread: its root and its replies in order. Asked with a reply's id, it returns the thread
    /// that reply belongs to.
    /// </summary>
    public async Task<ThreadView> GetThreadAsync(Guid viewerId, Guid rootId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, _, _) = await MessageAccess.RequireReadableAsync(db, rootId, viewerId, ct);
        var root = message.ThreadRootId ?? message.Id;
        var replies = db.Messages.Where(m => m.ThreadRootId == root).OrderBy(m => m.Seq).Take(ThreadLimit);
        return new ThreadView(await MessageViewLoader.LoadOneAsync(db, root, markdown, ct), await MessageViewLoader.LoadAsync(db, replies, markdown, ct));
    }

    /// <summary>Trims a body and checks its length; the same rule for sending and editing. Only a message with files may be empty.</summary>
    internal static string NormalizeBody(string? body, int maxLength = Message.BodyMaxLength, bool allowEmpty = false)
    {
        body = (body ?? "").Trim();
        if (body.Length == 0 && !allowEmpty) throw new ChatValidationException("Body", "Write a message first.");
        if (body.Length > maxLength)
            throw new ChatValidationException("Body", $"A message has at most {maxLength:N0} characters; this one has {body.Length:N0}.");
        return body;
    }

    /// <summary>The message length the site settings allow (the column's size without them).</summary>
    internal static async Task<int> MaxLengthAsync(SiteSettingsService? settings, CancellationToken ct) =>
        settings is null ? Message.BodyMaxLength : Math.Min(Message.BodyMaxLength, (await settings.GetAsync(ct)).MessageMaxLength);

    /// <summary>The root a reply goes to: the message itself when it is top-level, its root when it is a reply.</summary>
    private static async Task<Guid> ResolveThreadRootAsync(ChatDbContext db, Guid roomId, Guid messageId, CancellationToken ct)
    {
        var target = await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.RoomId == roomId)
            .Select(m => new { m.Id, m.ThreadRootId }).SingleOrDefaultAsync(ct)
            ?? throw new ChatValidationException("ThreadRootId", "That thread is not in this room.");
        var rootId = target.ThreadRootId ?? target.Id;
        var rootDeleted = await db.Messages.AnyAsync(m => m.Id == rootId && m.DeletedAt != null, ct);
        return rootDeleted ? throw new ChatValidationException("ThreadRootId", "The message that started this thread was deleted.") : rootId;
    }

    private static async Task EnsureQuotableAsync(ChatDbContext db, Guid roomId, Guid quotedId, CancellationToken ct)
    {
        var quoted = await db.Messages.AsNoTracking().Where(m => m.Id == quotedId && m.RoomId == roomId)
            .Select(m => new { m.DeletedAt }).SingleOrDefaultAsync(ct);
        if (quoted is null) throw new ChatValidationException("QuotedMessageId", "The quoted message is not in this room.");
        if (quoted.DeletedAt is not null) throw new ChatValidationException("QuotedMessageId", "The quoted message was deleted.");
    }

    private async Task<MessageView?> FindSentAsync(ChatDbContext db, Guid authorId, Guid clientMessageId, CancellationToken ct) =>
        (await MessageViewLoader.LoadAsync(db, db.Messages.Where(m => m.AuthorId == authorId && m.ClientMessageId == clientMessageId), markdown, ct))
        .SingleOrDefault();
}
