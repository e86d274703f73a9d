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
        // One query answers the idempotency check, room access, the mute and the author's names.
        var context = await LoadSendContextAsync(db, roomId, authorId, clientMessageId, ct);
        // A retry answers with what was stored, whatever has changed since (even the room gone).
        if ((context is null ? await FindSentIdAsync(db, authorId, clientMessageId, ct) : context.StoredId) is { } storedId)
            return await MessageViewLoader.LoadOneAsync(db, storedId, markdown, ct);
        if (context is null) throw new ChatNotFoundException("room");

        var (room, membership) = (context.Room, context.Membership);
        RoomAccess.EnsureReadable(room, membership);
        RoomAccess.EnsureCanPost(room, membership);
        var now = Truncate(clock.GetUtcNow());
        if (RoomModeration.MuteRefusal(context.Mute, now) is { } muted) throw new ChatForbiddenException(muted);
        Guid? threadRootId = options.ThreadRootId is { } rootId ? await ResolveThreadRootAsync(db, roomId, rootId, ct) : null;
        var quote = options.QuotedMessageId is { } quotedId ? await LoadQuotableAsync(db, roomId, quotedId, ct) : null;
        var files = await AttachmentClaims.EnsureClaimableAsync(db, authorId, roomId, attachmentIds, ct);
        var prepared = await MentionResolution.PrepareAsync(db, markdown, roomId, authorId, membership!.Role, body, ct);
        // After the idempotency check (a retry of a stored message is free) and before any write.
        rateLimiter.Take(authorId);

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

        // The insert, the mentions and the author's read marker go in one batch; no savepoint is needed
        // around it, since any failure rolls the whole transaction back.
        db.Database.AutoSavepointsEnabled = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // The update takes the room's row lock (a write lock on SQLite) until commit, so
            // concurrent senders in a room queue here and sequence numbers stay gap-free.
            message.Seq = await NextSeqAsync(db, roomId, ct);
            db.Messages.Add(message);
            db.Mentions.AddRange(prepared.MentionedUserIds.Select(userId => new Mention { MessageId = message.Id, UserId = userId, RoomId = roomId }));
            // The author has read their own message: no one else can have moved their marker past a
            // number allocated just now under the room's lock, so it is set, not compared.
            db.RoomMembers.Attach(membership).Property(m => m.LastReadSeq).CurrentValue = message.Seq;
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
                await transaction.CommitAsync(ct);
                metrics?.MessageSent();
            }
            catch (DbUpdateConcurrencyException)
            {
                // The author's membership went away while they sent (removed, left).
                await transaction.RollbackAsync(ct);
                throw new ChatForbiddenException(RoomAccess.PostRefusal(room.IsArchived, room.PostingPolicy, null)!);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // The same send raced itself (two tabs, a retry); the other one won.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await FindSentIdAsync(db, authorId, clientMessageId, ct) is { } winner
                    ? await MessageViewLoader.LoadOneAsync(db, winner, markdown, ct)
                    : throw new ChatConflictException("ClientMessageId", "The message could not be stored; try again.");
            }
        }

        // Built from what the send holds, not read back: a new message has no reactions yet.
        var view = new MessageView(message.Id, roomId, message.Seq, clientMessageId, authorId, context.Username, context.DisplayName,
            message.BodyHtml, now, EditedAt: null, IsDeleted: false)
        {
            Body = body,
            ThreadRootId = threadRootId,
            Quote = quote,
            MentionsRoom = message.MentionsRoom,
            Attachments = files,
            AuthorAvatarVersion = context.AvatarVersion,
        };
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

    /// <summary>The quote a reply shows, checked: the quoted message must be in the room and not deleted.</summary>
    private async Task<QuotedMessage> LoadQuotableAsync(ChatDbContext db, Guid roomId, Guid quotedId, CancellationToken ct)
    {
        var quoted = await (
            from q in db.Messages.AsNoTracking().Where(q => q.Id == quotedId && q.RoomId == roomId)
            join u in db.Users on q.AuthorId equals u.Id
            select new { q.Id, q.Seq, u.DisplayName, q.Body, q.DeletedAt }).SingleOrDefaultAsync(ct);
        if (quoted is null) throw new ChatValidationException("QuotedMessageId", "The quoted message is not in this room.");
        if (quoted.DeletedAt is not null) throw new ChatValidationException("QuotedMessageId", "The quoted message was deleted.");
        return MessageViewLoader.Quote(quoted.Id, quoted.Seq, quoted.DisplayName, quoted.Body, isDeleted: false, markdown);
    }

    /// <summary>What a send checks and what its view needs: the room, the author's membership, mute and names, and a message already stored under the client id.</summary>
    private sealed record SendContext(Room Room, RoomMember? Membership, RoomMute? Mute, string Username, string DisplayName, string? AvatarVersion, Guid? StoredId);

    private static Task<SendContext?> LoadSendContextAsync(ChatDbContext db, Guid roomId, Guid authorId, Guid clientMessageId, CancellationToken ct) => (
        from r in db.Rooms.AsNoTracking().Where(r => r.Id == roomId)
        from u in db.Users.AsNoTracking().Where(u => u.Id == authorId)
        from m in db.RoomMembers.AsNoTracking().Where(m => m.RoomId == r.Id && m.UserId == authorId).DefaultIfEmpty()
        from x in db.RoomMutes.AsNoTracking().Where(x => x.RoomId == r.Id && x.UserId == authorId).DefaultIfEmpty()
        select new SendContext(r, m, x, u.UserName!, u.DisplayName, u.AvatarVersion,
            db.Messages.Where(e => e.AuthorId == authorId && e.ClientMessageId == clientMessageId).Select(e => (Guid?)e.Id).FirstOrDefault()))
        .FirstOrDefaultAsync(ct)!;

    private static Task<Guid?> FindSentIdAsync(ChatDbContext db, Guid authorId, Guid clientMessageId, CancellationToken ct) =>
        db.Messages.Where(m => m.AuthorId == authorId && m.ClientMessageId == clientMessageId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Takes the room's next sequence number in one statement. Both SQLite (3.35 and later) and
    /// PostgreSQL return the updated value; the row stays locked until the transaction ends.
    /// </summary>
    private static async Task<long> NextSeqAsync(ChatDbContext db, Guid roomId, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""UPDATE "Rooms" SET "LastSeq" = "LastSeq" + 1 WHERE "Id" = {roomId} RETURNING "LastSeq" AS "Value" """)
            .ToListAsync(ct)).Single();

    /// <summary>Times as both databases store them (to the microsecond), so a published view equals the one read back later.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));
}
