using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Messages;

/// <summary>Sending and reading messages: the one write path for a message.</summary>
public sealed class MessageService(
    IDbContextFactory<ChatDbContext> dbFactory,
    IEventBus bus,
    MarkdownRenderer markdown,
    TimeProvider clock)
{
    /// <summary>The size of a history page.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Stores a message and publishes it. Sending again with the same <paramref name="clientMessageId"/>
    /// returns the stored message and stores nothing new, so a retry never duplicates.
    /// </summary>
    public async Task<MessageView> SendAsync(Guid authorId, Guid roomId, Guid clientMessageId, string body, CancellationToken ct = default)
    {
        if (clientMessageId == Guid.Empty) throw new ChatValidationException("ClientMessageId", "A client message id is required.");
        body = (body ?? "").Trim();
        if (body.Length == 0) throw new ChatValidationException("Body", "Write a message first.");
        if (body.Length > Message.BodyMaxLength)
            throw new ChatValidationException("Body", $"A message has at most {Message.BodyMaxLength:N0} characters; this one has {body.Length:N0}.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await FindSentAsync(db, authorId, clientMessageId, ct);
        if (existing is not null) return existing;

        var (room, membership) = await RoomAccess.RequireReadableAsync(db, roomId, authorId, ct);
        RoomAccess.EnsureCanPost(room, membership);

        var html = markdown.Render(body);
        var message = new Message
        {
            Id = Guid.CreateVersion7(),
            RoomId = roomId,
            AuthorId = authorId,
            ClientMessageId = clientMessageId,
            Body = body,
            BodyHtml = html,
            CreatedAt = clock.GetUtcNow(),
        };

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // The update takes the room's row lock (a write lock on SQLite) until commit, so
            // concurrent senders in a room queue here and sequence numbers stay gap-free.
            await db.Rooms.Where(r => r.Id == roomId).ExecuteUpdateAsync(r => r.SetProperty(x => x.LastSeq, x => x.LastSeq + 1), ct);
            message.Seq = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.LastSeq).SingleAsync(ct);
            db.Messages.Add(message);
            try
            {
                await db.SaveChangesAsync(ct);
                // The author has read their own message.
                await db.RoomMembers.Where(m => m.RoomId == roomId && m.UserId == authorId && m.LastReadSeq < message.Seq)
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.LastReadSeq, message.Seq), ct);
                await transaction.CommitAsync(ct);
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

        var view = await ViewsOf(db, db.Messages.Where(m => m.Id == message.Id)).SingleAsync(ct);
        await bus.PublishAsync(new MessagePosted(view), ct);
        return view;
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
        var page = await ViewsOf(db, db.Messages.Where(m => m.RoomId == roomId && m.Seq < beforeSeq).OrderByDescending(m => m.Seq).Take(limit))
            .ToListAsync(ct);
        page.Reverse();
        return page;
    }

    /// <summary>Up to <paramref name="limit"/> messages with <c>Seq</c> above <paramref name="afterSeq"/>, oldest first: what a view missed.</summary>
    public async Task<IReadOnlyList<MessageView>> GetAfterAsync(Guid viewerId, Guid roomId, long afterSeq, int limit = 200, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, 500);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RoomAccess.RequireReadableAsync(db, roomId, viewerId, ct);
        return await ViewsOf(db, db.Messages.Where(m => m.RoomId == roomId && m.Seq > afterSeq).OrderBy(m => m.Seq).Take(limit))
            .ToListAsync(ct);
    }

    private static Task<MessageView?> FindSentAsync(ChatDbContext db, Guid authorId, Guid clientMessageId, CancellationToken ct) =>
        ViewsOf(db, db.Messages.Where(m => m.AuthorId == authorId && m.ClientMessageId == clientMessageId)).SingleOrDefaultAsync(ct);

    private static IQueryable<MessageView> ViewsOf(ChatDbContext db, IQueryable<Message> messages) =>
        from m in messages.AsNoTracking()
        join u in db.Users on m.AuthorId equals u.Id
        select new MessageView(m.Id, m.RoomId, m.Seq, m.ClientMessageId, m.AuthorId, u.UserName!, u.DisplayName,
            m.DeletedAt == null ? m.BodyHtml : "", m.CreatedAt, m.EditedAt, m.DeletedAt != null);
}
