using BlazorChat.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace BlazorChat.Core.Data.Migrations;

/// <summary>
/// The first schema: Identity (version 3, with passkeys), rooms, members, messages with their
/// revisions, reactions, mentions and saves, and the audit log.
/// Provider-neutral except the passkey data column, which PostgreSQL stores as jsonb.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("20261122040000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                LastSeenAt = table.Column<DateTimeOffset>(nullable: true),
                HideOnlineStatus = table.Column<bool>(nullable: false),
                HideLastSeen = table.Column<bool>(nullable: false),
                DoNotDisturb = table.Column<bool>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(maxLength: 256, nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RoleId = table.Column<Guid>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = table.Column<Guid>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(maxLength: 128, nullable: false),
                ProviderKey = table.Column<string>(maxLength: 128, nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserPasskeys",
            columns: table => new
            {
                CredentialId = table.Column<byte[]>(maxLength: 1024, nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Data = table.Column<string>(type: JsonType(migrationBuilder), nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                table.ForeignKey("FK_AspNetUserPasskeys_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                RoleId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                LoginProvider = table.Column<string>(maxLength: 128, nullable: false),
                Name = table.Column<string>(maxLength: 128, nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ActorId = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(maxLength: 64, nullable: false),
                Target = table.Column<string>(maxLength: 200, nullable: false),
                RoomId = table.Column<Guid>(nullable: true),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
                table.ForeignKey("FK_AuditEntries_AspNetUsers_ActorId", x => x.ActorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Rooms",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Slug = table.Column<string>(maxLength: 80, nullable: false),
                Name = table.Column<string>(maxLength: 80, nullable: false),
                Topic = table.Column<string>(maxLength: 250, nullable: false),
                Kind = table.Column<int>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                IsArchived = table.Column<bool>(nullable: false),
                PostingPolicy = table.Column<int>(nullable: false),
                MemberLimit = table.Column<int>(nullable: false),
                RetentionDays = table.Column<int>(nullable: true),
                LastSeq = table.Column<long>(nullable: false),
                DirectKey = table.Column<string>(maxLength: 80, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Rooms", x => x.Id);
                table.ForeignKey("FK_Rooms_AspNetUsers_CreatedById", x => x.CreatedById, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Messages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RoomId = table.Column<Guid>(nullable: false),
                Seq = table.Column<long>(nullable: false),
                AuthorId = table.Column<Guid>(nullable: false),
                ClientMessageId = table.Column<Guid>(nullable: false),
                Body = table.Column<string>(maxLength: 10000, nullable: false),
                BodyHtml = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                EditedAt = table.Column<DateTimeOffset>(nullable: true),
                DeletedAt = table.Column<DateTimeOffset>(nullable: true),
                DeletedById = table.Column<Guid>(nullable: true),
                DeleteReason = table.Column<string>(maxLength: 500, nullable: true),
                ThreadRootId = table.Column<Guid>(nullable: true),
                ReplyCount = table.Column<int>(nullable: false),
                LastReplyAt = table.Column<DateTimeOffset>(nullable: true),
                QuotedMessageId = table.Column<Guid>(nullable: true),
                PinnedAt = table.Column<DateTimeOffset>(nullable: true),
                PinnedById = table.Column<Guid>(nullable: true),
                MentionsRoom = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Messages", x => x.Id);
                table.ForeignKey("FK_Messages_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Messages_Messages_ThreadRootId", x => x.ThreadRootId, "Messages", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Messages_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "RoomMembers",
            columns: table => new
            {
                RoomId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Role = table.Column<int>(nullable: false),
                JoinedAt = table.Column<DateTimeOffset>(nullable: false),
                LastReadSeq = table.Column<long>(nullable: false),
                IsFavourite = table.Column<bool>(nullable: false),
                NotificationLevel = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RoomMembers", x => new { x.RoomId, x.UserId });
                table.ForeignKey("FK_RoomMembers_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_RoomMembers_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Mentions",
            columns: table => new
            {
                MessageId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                RoomId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Mentions", x => new { x.MessageId, x.UserId });
                table.ForeignKey("FK_Mentions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Mentions_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Mentions_Rooms_RoomId", x => x.RoomId, "Rooms", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "MessageRevisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                MessageId = table.Column<Guid>(nullable: false),
                Body = table.Column<string>(maxLength: 10000, nullable: false),
                BodyHtml = table.Column<string>(nullable: false),
                ReplacedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageRevisions", x => x.Id);
                table.ForeignKey("FK_MessageRevisions_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Reactions",
            columns: table => new
            {
                MessageId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Emoji = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reactions", x => new { x.MessageId, x.UserId, x.Emoji });
                table.ForeignKey("FK_Reactions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Reactions_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SavedMessages",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                MessageId = table.Column<Guid>(nullable: false),
                SavedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SavedMessages", x => new { x.UserId, x.MessageId });
                table.ForeignKey("FK_SavedMessages_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_SavedMessages_Messages_MessageId", x => x.MessageId, "Messages", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserPasskeys_UserId", "AspNetUserPasskeys", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail", unique: true);
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_AuditEntries_ActorId", "AuditEntries", "ActorId");
        migrationBuilder.CreateIndex("IX_AuditEntries_RoomId", "AuditEntries", "RoomId");
        migrationBuilder.CreateIndex("IX_Mentions_RoomId", "Mentions", "RoomId");
        migrationBuilder.CreateIndex("IX_Mentions_UserId_MessageId", "Mentions", ["UserId", "MessageId"]);
        migrationBuilder.CreateIndex("IX_MessageRevisions_MessageId", "MessageRevisions", "MessageId");
        migrationBuilder.CreateIndex("IX_Messages_AuthorId_ClientMessageId", "Messages", ["AuthorId", "ClientMessageId"], unique: true);
        migrationBuilder.CreateIndex("IX_Messages_RoomId_PinnedAt", "Messages", ["RoomId", "PinnedAt"]);
        migrationBuilder.CreateIndex("IX_Messages_RoomId_Seq", "Messages", ["RoomId", "Seq"], unique: true);
        migrationBuilder.CreateIndex("IX_Messages_ThreadRootId_Seq", "Messages", ["ThreadRootId", "Seq"]);
        migrationBuilder.CreateIndex("IX_Reactions_UserId", "Reactions", "UserId");
        migrationBuilder.CreateIndex("IX_RoomMembers_UserId", "RoomMembers", "UserId");
        migrationBuilder.CreateIndex("IX_Rooms_CreatedById", "Rooms", "CreatedById");
        migrationBuilder.CreateIndex("IX_Rooms_DirectKey", "Rooms", "DirectKey", unique: true);
        migrationBuilder.CreateIndex("IX_Rooms_Kind_Name", "Rooms", ["Kind", "Name"]);
        migrationBuilder.CreateIndex("IX_Rooms_Slug", "Rooms", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_SavedMessages_MessageId", "SavedMessages", "MessageId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
        {
        "Messages", "RoomMembers", "Rooms", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins",
        "AspNetUserPasskeys", "AspNetUserRoles", "AspNetUserTokens", "AspNetRoles", "AspNetUsers",
        })
        migrationBuilder.DropTable(table);
    }

    private static string? JsonType(MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "jsonb" : null;
}
