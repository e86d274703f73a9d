using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Components.Messages;

/// <summary>How one message sits in the list: after a day separator, or continuing its author's group.</summary>
public readonly record struct MessageSlot(MessageView Message, DateTimeOffset LocalTime, string? DaySeparator, bool ContinuesGroup);

/// <summary>
/// Arranges the main timeline: thread replies are left out (their root shows how many there are),
/// consecutive messages of one author within five minutes form a group, and days are separated
/// in the viewer's time zone.
/// </summary>
public static class MessageLayout
{
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(5);

    public static IEnumerable<MessageSlot> Arrange(IReadOnlyList<MessageView> messages, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        MessageView? previous = null;
        DateTime? previousDay = null;
        foreach (var message in messages)
        {
            if (message.IsThreadReply) continue;
            var local = TimeZoneInfo.ConvertTime(message.CreatedAt, zone);
            var day = local.Date;
            var separator = previousDay != day ? DayLabel(day, today) : null;
            var continues = separator is null && previous is not null && !previous.IsDeleted
                && previous.AuthorId == message.AuthorId
                && message.CreatedAt - previous.CreatedAt < GroupWindow;
            yield return new MessageSlot(message, local, separator, continues);
            previous = message;
            previousDay = day;
        }
    }

    internal static string DayLabel(DateTime day, DateTime today) =>
        day == today ? "Today"
        : day == today.AddDays(-1) ? "Yesterday"
        : day.Year == today.Year ? day.ToString("dddd, d MMMM", System.Globalization.CultureInfo.InvariantCulture)
        : day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
