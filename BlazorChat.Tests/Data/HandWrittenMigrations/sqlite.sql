CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NULL,
    "HideOnlineStatus" INTEGER NOT NULL,
    "HideLastSeen" INTEGER NOT NULL,
    "DoNotDisturb" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserPasskeys" (
    "CredentialId" BLOB NOT NULL CONSTRAINT "PK_AspNetUserPasskeys" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_AspNetUserPasskeys_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "ActorId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "RoomId" TEXT NULL,
    "Reason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_AuditEntries_AspNetUsers_ActorId" FOREIGN KEY ("ActorId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Rooms" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Rooms" PRIMARY KEY,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Topic" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "IsArchived" INTEGER NOT NULL,
    "PostingPolicy" INTEGER NOT NULL,
    "MemberLimit" INTEGER NOT NULL,
    "RetentionDays" INTEGER NULL,
    "LastSeq" INTEGER NOT NULL,
    "DirectKey" TEXT NULL,
    CONSTRAINT "FK_Rooms_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY,
    "RoomId" TEXT NOT NULL,
    "Seq" INTEGER NOT NULL,
    "AuthorId" TEXT NOT NULL,
    "ClientMessageId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "BodyHtml" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EditedAt" TEXT NULL,
    "DeletedAt" TEXT NULL,
    "DeletedById" TEXT NULL,
    "DeleteReason" TEXT NULL,
    "ThreadRootId" TEXT NULL,
    "ReplyCount" INTEGER NOT NULL,
    "LastReplyAt" TEXT NULL,
    "QuotedMessageId" TEXT NULL,
    "PinnedAt" TEXT NULL,
    "PinnedById" TEXT NULL,
    "MentionsRoom" INTEGER NOT NULL,
    CONSTRAINT "FK_Messages_AspNetUsers_AuthorId" FOREIGN KEY ("AuthorId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Messages_Messages_ThreadRootId" FOREIGN KEY ("ThreadRootId") REFERENCES "Messages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Messages_Rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "Rooms" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RoomMembers" (
    "RoomId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "JoinedAt" TEXT NOT NULL,
    "LastReadSeq" INTEGER NOT NULL,
    "IsFavourite" INTEGER NOT NULL,
    "NotificationLevel" INTEGER NOT NULL,
    CONSTRAINT "PK_RoomMembers" PRIMARY KEY ("RoomId", "UserId"),
    CONSTRAINT "FK_RoomMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RoomMembers_Rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "Rooms" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Mentions" (
    "MessageId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "RoomId" TEXT NOT NULL,
    CONSTRAINT "PK_Mentions" PRIMARY KEY ("MessageId", "UserId"),
    CONSTRAINT "FK_Mentions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Mentions_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Mentions_Rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "Rooms" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MessageRevisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MessageRevisions" PRIMARY KEY,
    "MessageId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "BodyHtml" TEXT NOT NULL,
    "ReplacedAt" TEXT NOT NULL,
    CONSTRAINT "FK_MessageRevisions_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Reactions" (
    "MessageId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Emoji" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_Reactions" PRIMARY KEY ("MessageId", "UserId", "Emoji"),
    CONSTRAINT "FK_Reactions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Reactions_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SavedMessages" (
    "UserId" TEXT NOT NULL,
    "MessageId" TEXT NOT NULL,
    "SavedAt" TEXT NOT NULL,
    CONSTRAINT "PK_SavedMessages" PRIMARY KEY ("UserId", "MessageId"),
    CONSTRAINT "FK_SavedMessages_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SavedMessages_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserPasskeys_UserId" ON "AspNetUserPasskeys" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE UNIQUE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_ActorId" ON "AuditEntries" ("ActorId");

CREATE INDEX "IX_AuditEntries_RoomId" ON "AuditEntries" ("RoomId");

CREATE INDEX "IX_Mentions_RoomId" ON "Mentions" ("RoomId");

CREATE INDEX "IX_Mentions_UserId_MessageId" ON "Mentions" ("UserId", "MessageId");

CREATE INDEX "IX_MessageRevisions_MessageId" ON "MessageRevisions" ("MessageId");

CREATE UNIQUE INDEX "IX_Messages_AuthorId_ClientMessageId" ON "Messages" ("AuthorId", "ClientMessageId");

CREATE INDEX "IX_Messages_RoomId_PinnedAt" ON "Messages" ("RoomId", "PinnedAt");

CREATE UNIQUE INDEX "IX_Messages_RoomId_Seq" ON "Messages" ("RoomId", "Seq");

CREATE INDEX "IX_Messages_ThreadRootId_Seq" ON "Messages" ("ThreadRootId", "Seq");

CREATE INDEX "IX_Reactions_UserId" ON "Reactions" ("UserId");

CREATE INDEX "IX_RoomMembers_UserId" ON "RoomMembers" ("UserId");

CREATE INDEX "IX_Rooms_CreatedById" ON "Rooms" ("CreatedById");

CREATE UNIQUE INDEX "IX_Rooms_DirectKey" ON "Rooms" ("DirectKey");

CREATE INDEX "IX_Rooms_Kind_Name" ON "Rooms" ("Kind", "Name");

CREATE UNIQUE INDEX "IX_Rooms_Slug" ON "Rooms" ("Slug");

CREATE INDEX "IX_SavedMessages_MessageId" ON "SavedMessages" ("MessageId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122040000_InitialSchema', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "AvatarVersion" TEXT NULL;

CREATE TABLE "Attachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Attachments" PRIMARY KEY,
    "UploaderId" TEXT NOT NULL,
    "RoomId" TEXT NULL,
    "MessageId" TEXT NULL,
    "Position" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Size" INTEGER NOT NULL,
    "Width" INTEGER NULL,
    "Height" INTEGER NULL,
    "HasPreview" INTEGER NOT NULL,
    "IsAnimated" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "DeletedAt" TEXT NULL,
    CONSTRAINT "FK_Attachments_AspNetUsers_UploaderId" FOREIGN KEY ("UploaderId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Attachments_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Attachments_Rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "Rooms" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_Attachments_MessageId_Position" ON "Attachments" ("MessageId", "Position");

CREATE INDEX "IX_Attachments_RoomId" ON "Attachments" ("RoomId");

CREATE INDEX "IX_Attachments_UploaderId" ON "Attachments" ("UploaderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202090000_Attachments', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Messages" ADD "HasLink" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "IX_Messages_CreatedAt_Id" ON "Messages" ("CreatedAt", "Id");

UPDATE "Messages" SET "HasLink" = 1 WHERE "BodyHtml" LIKE '%rel="nofollow noopener ugc"%';

CREATE VIRTUAL TABLE "MessageSearch" USING fts5("Body", content='Messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');

CREATE TRIGGER "Messages_search_insert" AFTER INSERT ON "Messages" WHEN new."DeletedAt" IS NULL BEGIN
    INSERT INTO "MessageSearch"(rowid, "Body") VALUES (new.rowid, new."Body");
END;

CREATE TRIGGER "Messages_search_delete" AFTER DELETE ON "Messages" WHEN old."DeletedAt" IS NULL BEGIN
    INSERT INTO "MessageSearch"("MessageSearch", rowid, "Body") VALUES ('delete', old.rowid, old."Body");
END;

CREATE TRIGGER "Messages_search_update" AFTER UPDATE OF "Body", "DeletedAt" ON "Messages" BEGIN
    INSERT INTO "MessageSearch"("MessageSearch", rowid, "Body") SELECT 'delete', old.rowid, old."Body" WHERE old."DeletedAt" IS NULL;
    INSERT INTO "MessageSearch"(rowid, "Body") SELECT new.rowid, new."Body" WHERE new."DeletedAt" IS NULL;
END;

INSERT INTO "MessageSearch"(rowid, "Body") SELECT rowid, "Body" FROM "Messages" WHERE "DeletedAt" IS NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205090000_AddMessageSearch', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ApiSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "RefreshedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ApiSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PersonalAccessTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PersonalAccessTokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_PersonalAccessTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ApiSessions_UserId" ON "ApiSessions" ("UserId");

CREATE UNIQUE INDEX "IX_PersonalAccessTokens_TokenHash" ON "PersonalAccessTokens" ("TokenHash");

CREATE INDEX "IX_PersonalAccessTokens_UserId" ON "PersonalAccessTokens" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205100000_ApiAccess', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "BannedAt" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "BannedUntil" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "BanReason" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "DeactivatedAt" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "DeletedAt" TEXT NULL;

CREATE TABLE "RoomMutes" (
    "RoomId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "MutedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Until" TEXT NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "PK_RoomMutes" PRIMARY KEY ("RoomId", "UserId"),
    CONSTRAINT "FK_RoomMutes_Rooms_RoomId" FOREIGN KEY ("RoomId") REFERENCES "Rooms" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RoomMutes_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RoomMutes_UserId" ON "RoomMutes" ("UserId");

CREATE TABLE "MessageReports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MessageReports" PRIMARY KEY,
    "MessageId" TEXT NOT NULL,
    "RoomId" TEXT NOT NULL,
    "ReporterId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "HandledById" TEXT NULL,
    "HandledAt" TEXT NULL,
    "Outcome" INTEGER NULL,
    CONSTRAINT "FK_MessageReports_Messages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "Messages" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MessageReports_AspNetUsers_ReporterId" FOREIGN KEY ("ReporterId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_MessageReports_MessageId_ReporterId" ON "MessageReports" ("MessageId", "ReporterId");

CREATE INDEX "IX_MessageReports_ReporterId" ON "MessageReports" ("ReporterId");

CREATE INDEX "IX_MessageReports_Status_Id" ON "MessageReports" ("Status", "Id");

CREATE TABLE "SiteSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SiteSettings" PRIMARY KEY,
    "SiteName" TEXT NOT NULL,
    "RegistrationMode" INTEGER NOT NULL,
    "UploadMaxMegabytes" INTEGER NOT NULL,
    "UploadQuotaMegabytes" INTEGER NOT NULL,
    "MessageMaxLength" INTEGER NOT NULL,
    "MessagesPerSecond" INTEGER NOT NULL,
    "DefaultRetentionDays" INTEGER NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "Invites" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Invites" PRIMARY KEY,
    "CreatedById" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "MaxUses" INTEGER NOT NULL,
    "Uses" INTEGER NOT NULL,
    CONSTRAINT "FK_Invites_AspNetUsers_CreatedById" FOREIGN KEY ("CreatedById") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Invites_CreatedById" ON "Invites" ("CreatedById");

CREATE TABLE "Leases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Leases" PRIMARY KEY,
    "Holder" TEXT NOT NULL,
    "ExpiresAtUnixMs" INTEGER NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205110000_Administration', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261211090000_DataProtectionKeys', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "Bio" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "TimeZone" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD "TimeZoneChosen" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "AspNetUsers" ADD "Theme" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "AspNetUsers" ADD "NotificationDefault" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "BrowserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BrowserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "UserAgent" TEXT NULL,
    "Address" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_BrowserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BrowserSessions_UserId_RevokedAt" ON "BrowserSessions" ("UserId", "RevokedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261212090000_ProfileAndSessions', '10.0.15');

COMMIT;

