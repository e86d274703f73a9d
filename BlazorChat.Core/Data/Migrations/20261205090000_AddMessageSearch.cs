using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorChat.Core.Data.Migrations;

/// <summary>
/// Message search: <c>Messages.HasLink</c> (filled in for the messages already stored), an index
/// on <c>(CreatedAt, Id)</c> for newest-first pages and date filters, and the
/// provider's full-text index from <see cref="SearchSchema"/>: a stored tsvector with a GIN index
/// on PostgreSQL, an FTS5 table kept by triggers on SQLite, both filled from the existing rows.
/// </summary>
[DbContext(typeof(ChatDbContext))]
[Migration("20261205090000_AddMessageSearch")]
public sealed class AddMessageSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("HasLink", "Messages", nullable: false, defaultValue: false);
        migrationBuilder.CreateIndex("IX_Messages_CreatedAt_Id", "Messages", ["CreatedAt", "Id"]);
        var postgres = IsPostgres(migrationBuilder);
        var linkPattern = $"%{MarkdownRenderer.LinkMarker}%";
        migrationBuilder.Sql($"""UPDATE "Messages" SET "HasLink" = {(postgres ? "TRUE" : "1")} WHERE "BodyHtml" LIKE '{linkPattern}';""");
        foreach (var sql in postgres ? SearchSchema.PostgresUp : SearchSchema.SqliteUp) migrationBuilder.Sql(sql);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in IsPostgres(migrationBuilder) ? SearchSchema.PostgresDown : SearchSchema.SqliteDown) migrationBuilder.Sql(sql);
        migrationBuilder.DropIndex("IX_Messages_CreatedAt_Id", "Messages");
        migrationBuilder.DropColumn("HasLink", "Messages");
    }

    private static bool IsPostgres(MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
