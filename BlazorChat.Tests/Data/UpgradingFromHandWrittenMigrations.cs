using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Search;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Data;

/// <summary>
/// A database built by the hand-written migrations of earlier versions (replayed from the SQL they
/// generated, captured in <c>HandWrittenMigrations/</c> before they were replaced) upgrades to the
/// generated baseline without losing anything: its history is rewritten, its schema is already the
/// baseline's, its rows stay. One that stopped before the last hand-written migration is refused.
/// </summary>
public abstract class UpgradingFromHandWrittenMigrations(TestDatabase database, ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_built_by_the_hand_written_migrations_keeps_its_data_and_gets_the_baseline_history()
    {
        await using var old = await ChatTestHost.CreateAsync(database, start: false, purpose: "handwritten");
        await ReplayHandWrittenMigrationsAsync(old);
        var (user, room, message) = await StoreAPersonARoomAndAMessageAsync(old);
        await using var upgraded = await ChatTestHost.CreateAsync(TestDatabase.Sqlite, start: false, extraSettings: old.DatabaseSettings);

        await upgraded.StartAsync();

        await using var db = await upgraded.DbFactory.CreateDbContextAsync();
        var baseline = db.Database.GetMigrations().First();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe([baseline]);
        (await db.Users.SingleAsync()).UserName.ShouldBe(user.UserName);
        (await db.Rooms.SingleAsync()).Name.ShouldBe(room.Name);
        (await db.Messages.SingleAsync()).Body.ShouldBe(message.Body);
        var found = await upgraded.Services.GetRequiredService<MessageSearch>().SearchAsync(user.Id, "lighthouse", TimeZoneInfo.Utc);
        found.Items.ShouldHaveSingleItem().Message.Message.Id.ShouldBe(message.Id);

        // Every table, column, key, index and full-text object is the one the generated baseline makes.
        await using var fresh = await ChatTestHost.CreateAsync(database, purpose: "baseline");
        await using var freshDb = await fresh.DbFactory.CreateDbContextAsync();
        var upgradedSchema = await DatabaseSchema.ReadAsync(db);
        var baselineSchema = await DatabaseSchema.ReadAsync(freshDb);
        output.WriteLine($"{database}: {upgradedSchema.Count} schema facts after the upgrade, {baselineSchema.Count} from the baseline.");
        upgradedSchema.ShouldContain(f => DatabaseSchema.IsSearchFact(f));
        var drift = DatabaseSchema.Describe(upgradedSchema, baselineSchema);
        if (drift.Length > 0)
            Assert.Fail($"The hand-written schema differs from the generated baseline on {database}:{Environment.NewLine}{drift}");
    }

    [Fact]
    public async Task A_database_that_stopped_before_the_last_hand_written_migration_is_refused_and_left_as_it_was()
    {
        await using var old = await ChatTestHost.CreateAsync(database, start: false, purpose: "handwrittenold");
        await ReplayHandWrittenMigrationsAsync(old);
        var last = ChatMigrations.HandWritten[^1];
        await using (var db = await old.DbFactory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last);
        await using var upgraded = await ChatTestHost.CreateAsync(TestDatabase.Sqlite, start: false, extraSettings: old.DatabaseSettings);

        var refusal = await Should.ThrowAsync<DatabaseSchemaException>(upgraded.StartAsync());

        refusal.Message.ShouldContain(ChatMigrations.HandWritten[^2]);
        refusal.Message.ShouldContain(last);
        await using var after = await old.DbFactory.CreateDbContextAsync();
        (await after.Database.GetAppliedMigrationsAsync()).ShouldBe(ChatMigrations.HandWritten.SkipLast(1));
    }

    /// <summary>Runs the script the hand-written migrations generated for this provider, history rows included.</summary>
    private async Task ReplayHandWrittenMigrationsAsync(ChatTestHost host)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "HandWrittenMigrations",
            database == TestDatabase.Postgres ? "postgres.sql" : "sqlite.sql"));
        await using var db = await host.DbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = script;
            await command.ExecuteNonQueryAsync();
        }
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(ChatMigrations.HandWritten);
    }

    /// <summary>Writes through the model, which the hand-written schema matched (the schema-drift tests of that time).</summary>
    private static async Task<(ChatUser, Room, Message)> StoreAPersonARoomAndAMessageAsync(ChatTestHost host)
    {
        var now = DateTimeOffset.UtcNow;
        var user = new ChatUser
        {
            Id = Guid.CreateVersion7(), UserName = "ada", NormalizedUserName = "ADA", Email = "ada@example.test",
            NormalizedEmail = "ADA@EXAMPLE.TEST", DisplayName = "Ada", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString(),
        };
        var room = new Room { Id = Guid.CreateVersion7(), Slug = "harbour", Name = "harbour", Kind = RoomKind.PublicChannel, CreatedById = user.Id, CreatedAt = now, LastSeq = 1 };
        var message = new Message
        {
            Id = Guid.CreateVersion7(), RoomId = room.Id, Seq = 1, AuthorId = user.Id, ClientMessageId = Guid.NewGuid(),
            Body = "The lighthouse keeper waves", BodyHtml = "<p>The lighthouse keeper waves</p>", CreatedAt = now,
        };
        await using var db = await host.DbFactory.CreateDbContextAsync();
        db.Users.Add(user);
        db.Rooms.Add(room);
        db.RoomMembers.Add(new RoomMember { RoomId = room.Id, UserId = user.Id, Role = RoomRole.Owner, JoinedAt = now, LastReadSeq = 1 });
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return (user, room, message);
    }
}

public sealed class UpgradingFromHandWrittenMigrations_on_Sqlite(ITestOutputHelper output) : UpgradingFromHandWrittenMigrations(TestDatabase.Sqlite, output);

public sealed class UpgradingFromHandWrittenMigrations_on_Postgres(ITestOutputHelper output) : UpgradingFromHandWrittenMigrations(TestDatabase.Postgres, output);
