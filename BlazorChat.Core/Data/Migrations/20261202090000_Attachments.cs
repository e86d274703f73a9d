using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorChat.Core.Data.Migrations;

/// <summary>
/// Files and images: the <c>Attachments</c> table (its own table, so search can join it) and the
/// profile picture version on accounts. Provider-neutral.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("20261202090000_Attachments")]
public sealed class Attachments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "AvatarVersion", table: "AspNetUsers", maxLength: 32, nullable: true);

        migrationBuilder.CreateTable(
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UploaderId = table.Column<Guid>(nullable: false),
                RoomId = table.Column<Guid>(nullable: true),
                MessageId = table.Column<Guid>(nullable: true),
                Position = table.Column<int>(nullable: false),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Size = table.Column<long>(nullable: false),
                Width = table.Column<int>(nullable: true),
                Height = table.Column<int>(nullable: true),
                HasPreview = table.Column<bool>(nullable: false),
                IsAnimated = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Attachments", x => x.Id);
                table.ForeignKey("FK_Attachments_AspNetUsers_UploaderId", x => x.UploaderId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Attachments_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Attachments_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_Attachments_MessageId_Position", "Attachments", ["MessageId", "Position"]);
        migrationBuilder.CreateIndex("IX_Attachments_RoomId", "Attachments", "RoomId");
        migrationBuilder.CreateIndex("IX_Attachments_UploaderId", "Attachments", "UploaderId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Attachments");
        migrationBuilder.DropColumn(name: "AvatarVersion", table: "AspNetUsers");
    }
}
