using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Rooms;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Moderation;

/// <summary>A member reports a message with a reason; moderators see it in context and act on it, and every action is audited.</summary>
public sealed class ReportingMessages(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    private async Task<(ModerationCast Cast, MessageView Offending, Guid ReportId)> ReportedAsync()
    {
        var cast = await ModerationCast.CreateAsync(fixture);
        await Host.Messages.SendAsync(cast.Owner.Id, cast.Room.Id, Guid.NewGuid(), "before");
        var offending = await Host.Messages.SendAsync(cast.RoomModerator.Id, cast.Room.Id, Guid.NewGuid(), "buy cheap watches");
        await Host.Messages.SendAsync(cast.Owner.Id, cast.Room.Id, Guid.NewGuid(), "after");
        var reportId = await Host.Reports().ReportAsync(cast.Member.Id, offending.Id, "Spam");
        return (cast, offending, reportId);
    }

    [Fact]
    public async Task A_report_reaches_the_queue_with_the_message_in_context()
    {
        var (cast, offending, reportId) = await ReportedAsync();

        var open = await Host.Reports().ListAsync(cast.SiteModerator.Id, ReportStatus.Open, take: 200);
        var report = open.Items.Single(r => r.Id == reportId);
        report.Reason.ShouldBe("Spam");
        report.Message.Id.ShouldBe(offending.Id);
        report.Context.Select(m => m.Body).ShouldBe(["before", "buy cheap watches", "after"]);
        report.RoomName.ShouldBe("Moderated");
    }

    [Fact]
    public async Task A_report_needs_a_reason_and_one_person_reports_a_message_once()
    {
        var (cast, offending, _) = await ReportedAsync();
        (await Should.ThrowAsync<ChatValidationException>(() => Host.Reports().ReportAsync(cast.Owner.Id, offending.Id, " "))).Field.ShouldBe("Reason");
        await Should.ThrowAsync<ChatConflictException>(() => Host.Reports().ReportAsync(cast.Member.Id, offending.Id, "Again"));
        var outsider = await Host.CreateUserAsync("outsider");
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Reports().ReportAsync(outsider.Id, offending.Id, "Nosy"));
    }

    [Fact]
    public async Task Dismissing_closes_the_report_and_is_audited()
    {
        var (cast, offending, reportId) = await ReportedAsync();

        await Host.Reports().ResolveAsync(cast.SiteModerator.Id, reportId, new ReportDecision(ReportOutcome.Dismiss));

        (await Host.Reports().ListAsync(cast.Admin.Id, ReportStatus.Open, take: 200)).Items.ShouldNotContain(r => r.Id == reportId);
        (await Host.Reports().ListAsync(cast.Admin.Id, ReportStatus.Resolved, take: 200)).Items.Single(r => r.Id == reportId).Outcome.ShouldBe(ReportOutcome.Dismiss);
        (await AuditOfAsync(cast)).ShouldContain(a => a.Action == "report.dismiss" && a.ActorId == cast.SiteModerator.Id && a.Target == $"message:{offending.Id}");
        await Should.ThrowAsync<ChatConflictException>(() => Host.Reports().ResolveAsync(cast.Admin.Id, reportId, new ReportDecision(ReportOutcome.Dismiss)));
    }

    [Fact]
    public async Task Deleting_from_the_queue_removes_the_message_for_everyone_with_the_reason()
    {
        var (cast, offending, reportId) = await ReportedAsync();
        using var room = new EventRecorder(Host, Topics.Room(cast.Room.Id));

        await Host.Reports().ResolveAsync(cast.SiteModerator.Id, reportId, new ReportDecision(ReportOutcome.DeleteMessage, "Spam is not allowed"));

        room.Of<MessageChanged>().ShouldHaveSingleItem().Message.IsDeleted.ShouldBeTrue();
        (await Host.Messages.GetLatestAsync(cast.Member.Id, cast.Room.Id)).Single(m => m.Id == offending.Id).IsRemovedByModerator.ShouldBeTrue();
        (await AuditOfAsync(cast)).ShouldContain(a => a.Action == "message.delete" && a.Reason == "Spam is not allowed");
    }

    [Fact]
    public async Task Warning_tells_the_author()
    {
        var (cast, _, reportId) = await ReportedAsync();
        using var author = new EventRecorder(Host, Topics.User(cast.RoomModerator.Id));

        await Host.Reports().ResolveAsync(cast.SiteModerator.Id, reportId, new ReportDecision(ReportOutcome.Warn, "Please stop advertising"));

        author.Of<UserWarned>().ShouldHaveSingleItem().Reason.ShouldBe("Please stop advertising");
        (await AuditOfAsync(cast)).ShouldContain(a => a.Action == "user.warn" && a.Target == $"user:{cast.RoomModerator.Id}");
    }

    [Fact]
    public async Task Muting_from_the_queue_stops_the_author_posting_in_that_room_until_it_ends()
    {
        var (cast, _, reportId) = await ReportedAsync();

        await Host.Reports().ResolveAsync(cast.SiteModerator.Id, reportId, new ReportDecision(ReportOutcome.Mute, "Cool off", TimeSpan.FromHours(1)));

        var refusal = await Should.ThrowAsync<ChatForbiddenException>(() => Host.Messages.SendAsync(cast.RoomModerator.Id, cast.Room.Id, Guid.NewGuid(), "more watches"));
        refusal.Message.ShouldContain("muted");
        await Host.RoomModeration().UnmuteAsync(cast.Owner.Id, cast.Room.Id, cast.RoomModerator.Id);
        await Host.Messages.SendAsync(cast.RoomModerator.Id, cast.Room.Id, Guid.NewGuid(), "sorry");
        (await AuditOfAsync(cast)).Select(a => a.Action).ShouldContain("member.mute");
        (await AuditOfAsync(cast)).Select(a => a.Action).ShouldContain("member.unmute");
    }

    [Fact]
    public async Task Banning_from_the_queue_signs_the_author_out()
    {
        var (cast, _, reportId) = await ReportedAsync();
        using var author = new EventRecorder(Host, Topics.User(cast.RoomModerator.Id));

        await Host.Reports().ResolveAsync(cast.SiteModerator.Id, reportId, new ReportDecision(ReportOutcome.Ban, "Spam bot", TimeSpan.FromDays(7)));

        author.Of<AccountSuspended>().ShouldHaveSingleItem();
        await using var db = await Host.DbFactory.CreateDbContextAsync();
        (await db.Users.SingleAsync(u => u.Id == cast.RoomModerator.Id)).BannedUntil.ShouldNotBeNull();
    }

    [Fact]
    public async Task Members_and_room_moderators_cannot_act_on_reports()
    {
        var (cast, _, reportId) = await ReportedAsync();
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Reports().ResolveAsync(cast.Member.Id, reportId, new ReportDecision(ReportOutcome.Dismiss)));
        await Should.ThrowAsync<ChatForbiddenException>(() => Host.Reports().ResolveAsync(cast.Owner.Id, reportId, new ReportDecision(ReportOutcome.DeleteMessage, "x")));
    }

    private async Task<List<AuditEntry>> AuditOfAsync(ModerationCast cast) => await RoomState.AuditOfAsync(Host, cast.Room.Id);
}
