using BlazorChat.Core.Moderation;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Moderation;

/// <summary>The audit log filters, and its CSV opens in a spreadsheet as text: nothing a person typed runs as a formula.</summary>
public sealed class AuditExport(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("  =1", "\"'  =1\"")]
    [InlineData("plain, with comma", "\"plain, with comma\"")]
    public void Cells_that_would_be_formulas_are_neutralized(string value, string expected) => CsvCell.Of(value).ShouldBe(expected);

    [Fact]
    public async Task The_export_neutralizes_a_reason_typed_by_a_moderator()
    {
        var target = await Host.CreateUserAsync("target");
        await Host.Users().BanAsync(fixture.SiteAdmin.Id, target.Id, "=cmd|' /C calc'!A0", TimeSpan.FromHours(1));

        var csv = await Host.Audit().ExportCsvAsync(fixture.SiteAdmin.Id, new AuditFilter(Action: "user.ban", Text: target.Id.ToString()));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Time (UTC),Actor,Action,Target,Room,Reason");
        lines.Length.ShouldBe(2);
        lines[1].ShouldContain("\"'=cmd|' /C calc'!A0 (for 1 h)\"");
        lines[1].Split("\",\"").ShouldAllBe(cell => !cell.TrimStart('"').StartsWith('='));
    }

    [Fact]
    public async Task The_log_names_the_room_of_an_entry()
    {
        var (room, owner) = await Host.CreateChannelAsync("Audited room");
        await Host.Rooms.SetArchivedAsync(owner.Id, room.Id, true);

        var page = await Host.Audit().ListAsync(fixture.SiteAdmin.Id, new AuditFilter(Action: "room.archive", Text: room.Id.ToString()));

        page.Items.ShouldHaveSingleItem().RoomName.ShouldBe("Audited room");
    }

    [Fact]
    public async Task The_log_filters_by_action_and_actor()
    {
        var target = await Host.CreateUserAsync("filtered");
        await Host.Users().BanAsync(fixture.SiteAdmin.Id, target.Id, "one", null);
        await Host.Users().UnbanAsync(fixture.SiteAdmin.Id, target.Id);

        var bans = await Host.Audit().ListAsync(fixture.SiteAdmin.Id, new AuditFilter(Action: "user.ban", Actor: fixture.SiteAdmin.UserName, Text: target.Id.ToString()));
        bans.Items.ShouldHaveSingleItem().Action.ShouldBe("user.ban");
        bans.Items[0].ActorName.ShouldBe(fixture.SiteAdmin.UserName);
        var all = await Host.Audit().ListAsync(fixture.SiteAdmin.Id, new AuditFilter(Action: "user.", Text: target.Id.ToString()));
        all.Items.Select(r => r.Action).ShouldBe(["user.unban", "user.ban"], ignoreOrder: true);
    }
}
