using BlazorChat.Web.Components.Messages;
using static BlazorChat.Tests.Infrastructure.MessageViews;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>
/// Consecutive messages of one author within five minutes form a group; each day of the
/// viewer's time zone starts with a separator, which also starts a new group.
/// </summary>
public sealed class MessageGrouping
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<MessageSlot> Arrange(TimeZoneInfo zone, DateTimeOffset now, params Core.Messages.MessageView[] messages) =>
        [.. MessageLayout.Arrange(messages, zone, now)];

    [Fact]
    public void Messages_of_one_author_within_five_minutes_form_a_group()
    {
        var slots = Arrange(TimeZoneInfo.Utc, Later,
            View(1, Ada, Start), View(2, Ada, Start.AddMinutes(3)), View(3, Ada, Start.AddMinutes(7).AddSeconds(59)));

        slots.Select(s => s.ContinuesGroup).ShouldBe([false, true, true]);
    }

    [Fact]
    public void A_message_five_minutes_or_more_after_the_previous_starts_a_new_group()
    {
        var slots = Arrange(TimeZoneInfo.Utc, Later,
            View(1, Ada, Start), View(2, Ada, Start.AddMinutes(5)), View(3, Ada, Start.AddMinutes(9).AddSeconds(59)));

        slots.Select(s => s.ContinuesGroup).ShouldBe([false, false, true]);
    }

    [Fact]
    public void Another_authors_message_starts_a_new_group()
    {
        var slots = Arrange(TimeZoneInfo.Utc, Later,
            View(1, Ada, Start), View(2, Bob, Start.AddMinutes(1)), View(3, Ada, Start.AddMinutes(2)));

        slots.Select(s => s.ContinuesGroup).ShouldBe([false, false, false]);
    }

    [Fact]
    public void Days_are_separated_in_the_viewers_time_zone()
    {
        // 10:30 and 11:30 UTC on 10 January are 23:30 on the 10th and 00:30 on the 11th in Auckland (UTC+13).
        var messages = new[]
        {
            View(1, Ada, new DateTimeOffset(2025, 1, 10, 10, 30, 0, TimeSpan.Zero)),
            View(2, Ada, new DateTimeOffset(2025, 1, 10, 11, 30, 0, TimeSpan.Zero)),
        };

        var utc = Arrange(TimeZoneInfo.Utc, Later, messages);
        var auckland = Arrange(Auckland, Later, messages);

        utc.Select(s => s.DaySeparator).ShouldBe(["Friday, 10 January", null]);
        auckland.Select(s => s.DaySeparator).ShouldBe(["Friday, 10 January", "Saturday, 11 January"]);
        auckland.Select(s => s.LocalTime.ToString("HH:mm")).ShouldBe(["23:30", "00:30"]);
        auckland[0].LocalTime.Offset.ShouldBe(TimeSpan.FromHours(13));
    }

    [Fact]
    public void A_new_day_starts_a_new_group_even_within_five_minutes()
    {
        // 23:58 and 00:01 in Auckland.
        var slots = Arrange(Auckland, Later,
            View(1, Ada, new DateTimeOffset(2025, 1, 10, 10, 58, 0, TimeSpan.Zero)),
            View(2, Ada, new DateTimeOffset(2025, 1, 10, 11, 1, 0, TimeSpan.Zero)));

        slots[1].DaySeparator.ShouldNotBeNull();
        slots[1].ContinuesGroup.ShouldBeFalse();
    }

    [Fact]
    public void Recent_days_are_called_today_and_yesterday_and_other_years_show_the_year()
    {
        // Now is 12 January 01:00 in Auckland but still 11 January in UTC.
        var now = new DateTimeOffset(2025, 1, 11, 12, 0, 0, TimeSpan.Zero);
        var messages = new[]
        {
            View(1, Ada, new DateTimeOffset(2024, 12, 31, 9, 0, 0, TimeSpan.Zero)),  // 31 Dec 22:00 NZ
            View(2, Ada, new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero)),   // 10 Jan 22:00 NZ
            View(3, Ada, new DateTimeOffset(2025, 1, 11, 9, 0, 0, TimeSpan.Zero)),   // 11 Jan 22:00 NZ
            View(4, Ada, new DateTimeOffset(2025, 1, 11, 11, 30, 0, TimeSpan.Zero)), // 12 Jan 00:30 NZ
        };

        Arrange(Auckland, now, messages).Select(s => s.DaySeparator)
            .ShouldBe(["31 December 2024", "Friday, 10 January", "Yesterday", "Today"]);
        Arrange(TimeZoneInfo.Utc, now, messages).Select(s => s.DaySeparator)
            .ShouldBe(["31 December 2024", "Yesterday", "Today", null]);
    }
}

/// <summary>The main timeline leaves thread replies out; their root stands for them.</summary>
public sealed class ThreadRepliesInTheTimeline
{
    [Fact]
    public void Replies_are_not_arranged_and_do_not_break_a_group()
    {
        var start = new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.Zero);
        var root = View(1, Ada, start) with { ReplyCount = 1 };
        var reply = View(2, Bob, start.AddMinutes(1)) with { ThreadRootId = root.Id };
        var next = View(3, Ada, start.AddMinutes(2));

        var slots = MessageLayout.Arrange([root, reply, next], TimeZoneInfo.Utc, start.AddDays(30)).ToList();

        slots.Select(s => s.Message.Seq).ShouldBe([1, 3]);
        slots[1].ContinuesGroup.ShouldBeTrue();
    }
}
