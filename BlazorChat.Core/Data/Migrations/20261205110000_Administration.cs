using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorChat.Core.Data.Migrations;

/// <summary>
/// Administration and moderation: account sanctions on users, room mutes, message reports, site
/// settings, invite links, leases for single-node jobs, and an index on message age for retention.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("20261205110000_Administration")]
public sealed class Administration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTimeOffset>(name: "BannedAt", table: "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "BannedUntil", table: "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<string>(name: "BanReason", table: "AspNetUsers", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "DeactivatedAt", table: "AspNetUsers", nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "DeletedAt", table: "AspNetUsers", nullable: true);


        migrationBuilder.CreateTable(
            name: "RoomMutes",
            columns: table => new
            {
                RoomId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                MutedById = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                Until = table.Column<DateTimeOffset>(nullable: true),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RoomMutes", x => new { x.RoomId, x.UserId });
                table.ForeignKey("FK_RoomMutes_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_RoomMutes_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_RoomMutes_UserId", table: "RoomMutes", column: "UserId");

        migrationBuilder.CreateTable(
            name: "MessageReports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MessageId = table.Column<Guid>(nullable: false),
                RoomId = table.Column<Guid>(nullable: false),
                ReporterId = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                Status = table.Column<int>(nullable: false),
                HandledById = table.Column<Guid>(nullable: true),
                HandledAt = table.Column<DateTimeOffset>(nullable: true),
                Outcome = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageReports", x => x.Id);
                table.ForeignKey("FK_MessageReports_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MessageReports_AspNetUsers_ReporterId", x => x.ReporterId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_MessageReports_MessageId_ReporterId", table: "MessageReports", columns: ["MessageId", "ReporterId"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_MessageReports_ReporterId", table: "MessageReports", column: "ReporterId");
        migrationBuilder.CreateIndex(name: "IX_MessageReports_Status_Id", table: "MessageReports", columns: ["Status", "Id"]);

        migrationBuilder.CreateTable(
            name: "SiteSettings",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                SiteName = table.Column<string>(maxLength: 80, nullable: false),
                RegistrationMode = table.Column<int>(nullable: false),
                UploadMaxMegabytes = table.Column<int>(nullable: false),
                UploadQuotaMegabytes = table.Column<int>(nullable: false),
                MessageMaxLength = table.Column<int>(nullable: false),
                MessagesPerSecond = table.Column<int>(nullable: false),
                DefaultRetentionDays = table.Column<int>(nullable: true),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SiteSettings", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Invites",
            columns: table => new
            {
                Code = table.Column<string>(maxLength: 24, nullable: false),
                CreatedById = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(nullable: true),
                MaxUses = table.Column<int>(nullable: false),
                Uses = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invites", x => x.Code);
                table.ForeignKey("FK_Invites_AspNetUsers_CreatedById", x => x.CreatedById, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_Invites_CreatedById", table: "Invites", column: "CreatedById");

        migrationBuilder.CreateTable(
            name: "Leases",
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Holder = table.Column<string>(maxLength: 100, nullable: false),
                ExpiresAtUnixMs = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Leases", x => x.Name));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Leases");
        migrationBuilder.DropTable(name: "Invites");
        migrationBuilder.DropTable(name: "SiteSettings");
        migrationBuilder.DropTable(name: "MessageReports");
        migrationBuilder.DropTable(name: "RoomMutes");
        migrationBuilder.DropColumn(name: "DeletedAt", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "DeactivatedAt", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "BanReason", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "BannedUntil", table: "AspNetUsers");
        migrationBuilder.DropColumn(name: "BannedAt", table: "AspNetUsers");
    }
}
