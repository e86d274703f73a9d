using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorChat.Core.Data.Migrations;

/// <summary>
/// Profile and preferences on the account (bio, time zone, theme, notification default) and the
/// browser sign-ins a person can list and end.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("20261212090000_ProfileAndSessions")]
public sealed class ProfileAndSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Bio", table: "AspNetUsers", maxLength: 300, nullable: true);
        migrationBuilder.AddColumn<string>(name: "TimeZone", table: "AspNetUsers", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "TimeZoneChosen", table: "AspNetUsers", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<int>(name: "Theme", table: "AspNetUsers", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>(name: "NotificationDefault", table: "AspNetUsers", nullable: false, defaultValue: 0);

        migrationBuilder.CreateTable(
            name: "BrowserSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                LastSeenAt = table.Column<DateTimeOffset>(nullable: false),
                UserAgent = table.Column<string>(maxLength: 300, nullable: true),
                Address = table.Column<string>(maxLength: 64, nullable: true),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BrowserSessions", x => x.Id);
                table.ForeignKey("FK_BrowserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_BrowserSessions_UserId_RevokedAt", table: "BrowserSessions", columns: ["UserId", "RevokedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "BrowserSessions");
        foreach (var column in new[] { "Bio", "TimeZone", "TimeZoneChosen", "Theme", "NotificationDefault" })
            migrationBuilder.DropColumn(name: column, table: "AspNetUsers");
    }
}
