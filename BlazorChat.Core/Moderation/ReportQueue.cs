using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Moderation;

/// <summary>A report as the queue shows it: the message in its context, who reported it and why.</summary>
public sealed record ReportView(
    Guid Id, string Reason, DateTimeOffset CreatedAt, ReportStatus Status, ReportOutcome? Outcome,
    Guid ReporterId, string ReporterName, Guid RoomId, string RoomName, string RoomSlug,
    MessageView Message, IReadOnlyList<MessageView> Context);

/// <summary>What a moderator decides about a report.</summary>
public sealed record ReportDecision(ReportOutcome Outcome, string? Reason = null, TimeSpan? Duration = null);

/// <summary>
/// Reports of messages: any reader of a message may report it with a reason; site moderators and
/// administrators work through the queue and dismiss, delete the message, warn its author, mute
/// them in the room or ban them. Each decision is audited in the same transaction.
/// </summary>
public sealed class ReportQueue(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, MarkdownRenderer markdown, TimeProvider clock)
{
    /// <summary>Messages shown before and after the reported one.</summary>
    public const int ContextSize = 2;

    /// <summary>Files a report of <paramref name="messageId"/>. One per person and message; the reason is required.</summary>
    public async Task<Guid> ReportAsync(Guid reporterId, Guid messageId, string reason, CancellationToken ct = default)
    {
        reason = (reason ?? "").Trim();
        if (reason.Length == 0) throw new ChatValidationException("Reason", "Say what is wrong with this message.");
        if (reason.Length > MessageReport.ReasonMaxLength) throw new ChatValidationException("Reason", $"A reason has at most {MessageReport.ReasonMaxLength} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (message, _, membership) = await MessageAccess.RequireReadableAsync(db, messageId, reporterId, ct);
        if (membership is null) throw new ChatForbiddenException("Join the room to report its messages.");
        if (message.DeletedAt is not null) throw new ChatForbiddenException(MessageRules.Deleted);
        if (message.AuthorId == reporterId) throw new ChatForbiddenException("You cannot report your own message.");
        var report = new MessageReport
        {
            Id = Guid.CreateVersion7(),
            MessageId = messageId,
            RoomId = message.RoomId,
            ReporterId = reporterId,
            Reason = reason,
            CreatedAt = clock.GetUtcNow(),
        };
        db.MessageReports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ChatConflictException("Reason", "You reported this message already; moderators will look at it.");
        }
        await bus.PublishAsync(new ReportQueueChanged(report.Id), ct);
        return report.Id;
    }

    /// <summary>Reports with <paramref name="status"/>, open ones oldest first, handled ones newest first, paged.</summary>
    public async Task<Page<ReportView>> ListAsync(Guid actorId, ReportStatus status, int skip = 0, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.HandleReports, clock.GetUtcNow(), ct);
        var query = db.MessageReports.AsNoTracking().Where(r => r.Status == status);
        var total = await query.CountAsync(ct);
        query = status == ReportStatus.Open ? query.OrderBy(r => r.Id) : query.OrderByDescending(r => r.Id);
        var reports = await query.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageRequest.MaxTake)).ToListAsync(ct);
        var views = new List<ReportView>(reports.Count);
        foreach (var report in reports) views.Add(await ViewAsync(db, report, ct));
        return new Page<ReportView>(views, total);
    }

    /// <summary>How many reports wait, for the moderators' badge.</summary>
    public async Task<int> CountOpenAsync(Guid actorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.HandleReports, clock.GetUtcNow(), ct);
        return await db.MessageReports.CountAsync(r => r.Status == ReportStatus.Open, ct);
    }

    /// <summary>
    /// Acts on an open report. Every open report of the same message is closed with it. Deleting,
    /// warning and muting need a reason (it reaches the audit log, and the author for a warning);
    /// a ban also needs one and may have a duration; a mute in the message's room may have one.
    /// </summary>
    public async Task ResolveAsync(Guid actorId, Guid reportId, ReportDecision decision, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(decision.Outcome)) throw new ChatValidationException("Outcome", "Choose what to do.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actorRole = await SiteAccess.RequireAsync(db, actorId, SiteAction.HandleReports, now, ct);
        var report = await db.MessageReports.SingleOrDefaultAsync(r => r.Id == reportId, ct) ?? throw new ChatNotFoundException("report");
        if (report.Status != ReportStatus.Open) throw new ChatConflictException("Outcome", "Someone handled this report already.");
        var message = await db.Messages.SingleAsync(m => m.Id == report.MessageId, ct);
        var authorId = message.AuthorId;
        ChatEvent? news = null;
        var messageDeleted = false;

        switch (decision.Outcome)
        {
            case ReportOutcome.Dismiss:
                AuditLog.Record(db, actorId, "report.dismiss", $"message:{message.Id}", now, message.RoomId, Optional(decision.Reason));
                break;
            case ReportOutcome.DeleteMessage:
                if (message.DeletedAt is null)
                {
                    MessageEditing.RemoveByModerator(db, message, actorId, decision.Reason, now);
                    messageDeleted = true;
                }
                break;
            case ReportOutcome.Warn:
            {
                var reason = UserAdministration.RequireReason(decision.Reason);
                await EnsureOutranksAuthorAsync(db, actorId, actorRole, authorId, "warn", ct);
                AuditLog.Record(db, actorId, "user.warn", $"user:{authorId}", now, message.RoomId, reason);
                news = new UserWarned(authorId, reason);
                break;
            }
            case ReportOutcome.Mute:
            {
                var reason = UserAdministration.RequireReason(decision.Reason);
                await EnsureOutranksAuthorAsync(db, actorId, actorRole, authorId, "mute", ct);
                var until = await RoomModeration.ApplyMuteAsync(db, actorId, message.RoomId, authorId, Positive(decision.Duration), reason, now, ct);
                news = new MemberMuted(message.RoomId, authorId, until, IsMuted: true);
                break;
            }
            case ReportOutcome.Ban:
            {
                var reason = UserAdministration.RequireReason(decision.Reason);
                var author = await UserAdministration.RequireSanctionableAsync(db, actorId, authorId, SiteAction.Sanction, "ban", now, ct);
                UserAdministration.ApplyBan(db, author, actorId, reason, Positive(decision.Duration), now);
                news = new AccountSuspended(authorId, Users.AccountStanding.Refusal(author, now)!);
                break;
            }
        }

        var sameMessage = await db.MessageReports.Where(r => r.MessageId == report.MessageId && r.Status == ReportStatus.Open).ToListAsync(ct);
        foreach (var open in sameMessage)
        {
            open.Status = ReportStatus.Resolved;
            open.Outcome = decision.Outcome;
            open.HandledById = actorId;
            open.HandledAt = now;
        }
        await db.SaveChangesAsync(ct);

        if (messageDeleted) await bus.PublishAsync(new MessageChanged(await MessageViewLoader.LoadOneAsync(db, message.Id, markdown, ct)), ct);
        if (news is not null) await bus.PublishAsync(news, ct);
        await bus.PublishAsync(new ReportQueueChanged(reportId), ct);
    }

    private static async Task EnsureOutranksAuthorAsync(ChatDbContext db, Guid actorId, SiteRole actorRole, Guid authorId, string whatFor, CancellationToken ct) =>
        SiteAccess.EnsureOutranks(actorId, actorRole, authorId, await SiteAccess.RoleOfAsync(db, authorId, ct), whatFor);

    private static TimeSpan? Positive(TimeSpan? duration) =>
        duration is { } d && d <= TimeSpan.Zero ? throw new ChatValidationException("Duration", "A sanction lasts a positive time.") : duration;

    private static string? Optional(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : UserAdministration.RequireReason(reason);

    private async Task<ReportView> ViewAsync(ChatDbContext db, MessageReport report, CancellationToken ct)
    {
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == report.MessageId).Select(m => new { m.RoomId, m.Seq, m.ThreadRootId }).SingleAsync(ct);
        // The context is the timeline (or thread) around the message, a few messages either side.
        var timeline = db.Messages.Where(m => m.RoomId == message.RoomId && m.ThreadRootId == message.ThreadRootId);
        var before = await timeline.Where(m => m.Seq < message.Seq).OrderByDescending(m => m.Seq).Take(ContextSize).Select(m => m.Id).ToListAsync(ct);
        var after = await timeline.Where(m => m.Seq > message.Seq).OrderBy(m => m.Seq).Take(ContextSize).Select(m => m.Id).ToListAsync(ct);
        List<Guid> ids = [.. before, report.MessageId, .. after];
        var views = await MessageViewLoader.LoadAsync(db, db.Messages.Where(m => ids.Contains(m.Id)), markdown, ct);
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == report.RoomId).Select(r => new { r.Name, r.Slug }).SingleAsync(ct);
        var reporter = await db.Users.AsNoTracking().Where(u => u.Id == report.ReporterId).Select(u => u.DisplayName).SingleAsync(ct);
        return new ReportView(report.Id, report.Reason, report.CreatedAt, report.Status, report.Outcome, report.ReporterId, reporter,
            report.RoomId, room.Name, room.Slug, views.Single(v => v.Id == report.MessageId), views);
    }
}
