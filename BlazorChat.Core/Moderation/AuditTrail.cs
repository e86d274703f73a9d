using System.Globalization;
using System.Text;
using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Moderation;

/// <summary>An audit entry with its actor's name and its room's name (null when it has no room or the room is gone), as the audit log page shows it.</summary>
public sealed record AuditRow(Guid Id, DateTimeOffset CreatedAt, Guid ActorId, string ActorName, string Action, string Target, Guid? RoomId, string? Reason, string? RoomName = null);

/// <summary>Which audit entries to show: by action (prefix, e.g. "user." or "user.ban"), by actor username, by text in target or reason.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, string? Text = null);

/// <summary>
/// Reading the audit log (administrators only): filtered and paged, newest first, and exported as
/// CSV that a spreadsheet opens as plain text (no formula in any cell).
/// </summary>
public sealed class AuditTrail(IDbContextFactory<ChatDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most rows one export holds.</summary>
    public const int ExportLimit = 100_000;

    public async Task<Page<AuditRow>> ListAsync(Guid actorId, AuditFilter filter, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, clock.GetUtcNow(), ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageRequest.MaxTake)).ToListAsync(ct);
        return new Page<AuditRow>(rows, total);
    }

    /// <summary>The filtered entries as CSV (header row, newest first, RFC 4180 quoting, formulas neutralized).</summary>
    public async Task<string> ExportCsvAsync(Guid actorId, AuditFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, clock.GetUtcNow(), ct);
        var csv = new StringBuilder("Time (UTC),Actor,Action,Target,Room,Reason\r\n");
        await foreach (var row in Filtered(db, filter).Take(ExportLimit).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.AppendJoin(',',
                CsvCell.Of(row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                CsvCell.Of(row.ActorName), CsvCell.Of(row.Action), CsvCell.Of(row.Target),
                CsvCell.Of(row.RoomId?.ToString() ?? ""), CsvCell.Of(row.Reason ?? ""));
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    private static IQueryable<AuditRow> Filtered(ChatDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(e => e.Action.StartsWith(action));
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            entries = entries.Where(e => e.Target.Contains(text) || (e.Reason != null && e.Reason.Contains(text)));
        }
        var rows = from e in entries
                   join u in db.Users on e.ActorId equals u.Id
                   join r in db.Rooms on e.RoomId equals (Guid?)r.Id into rooms
                   from r in rooms.DefaultIfEmpty()
                   select new { e, u.UserName, u.NormalizedUserName, RoomName = r == null ? null : r.Name };
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().TrimStart('@').ToUpperInvariant();
            rows = rows.Where(r => r.NormalizedUserName!.Contains(actor));
        }
        // Ids are time-ordered (version 7): newest first on both databases.
        return rows.OrderByDescending(r => r.e.Id)
            .Select(r => new AuditRow(r.e.Id, r.e.CreatedAt, r.e.ActorId, r.UserName!, r.e.Action, r.e.Target, r.e.RoomId, r.e.Reason, r.RoomName));
    }
}

/// <summary>
/// One CSV cell. Text a spreadsheet would run as a formula (starting with =, +, -, @, tab or
/// carriage return) gets a leading apostrophe, the OWASP advice against CSV injection; every cell
/// is quoted, with quotes doubled.
/// </summary>
public static class CsvCell
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n', '|', '＝', '＋', '－', '＠'];

    public static string Of(string value)
    {
        var trimmed = value.TrimStart(' ');
        if (trimmed.Length > 0 && Array.IndexOf(FormulaStarts, trimmed[0]) >= 0) value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
