using BlazorChat.Core.Data;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Tests.Data;

/// <summary>A node whose build does not fit the database schema refuses to start, and says why.</summary>
public abstract class SchemaCompatibility(TestDatabase database)
{
    private const string NewerMigration = "29991231000000_FromANewerVersion";

    [Fact]
    public async Task A_node_refuses_to_start_on_a_database_a_newer_version_migrated_and_names_the_unknown_migrations()
    {
        await using var newer = await ChatTestHost.CreateAsync(database);
        await using (var db = await newer.DbFactory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.14')", NewerMigration);
        var logs = new RecordingLoggerProvider();
        await using var older = await ChatTestHost.CreateAsync(TestDatabase.Sqlite, start: false, extraSettings: newer.DatabaseSettings, logging: l => l.AddProvider(logs));

        var refusal = await Should.ThrowAsync<DatabaseSchemaException>(older.StartAsync());

        refusal.Message.ShouldContain(NewerMigration);
        refusal.Message.ShouldContain("newer version");
        logs.Lines.ShouldContain(l => l.Level == LogLevel.Critical && l.Message.Contains(NewerMigration));
    }

    [Fact]
    public async Task Without_migrating_on_start_a_node_refuses_an_outdated_database_and_changes_nothing()
    {
        var settings = new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" };
        await using var node = await ChatTestHost.CreateAsync(database, start: false, extraSettings: settings);

        var refusal = await Should.ThrowAsync<DatabaseSchemaException>(node.StartAsync());

        await using var db = await node.DbFactory.CreateDbContextAsync();
        refusal.Message.ShouldContain(db.Database.GetMigrations().First());
        refusal.Message.ShouldContain("Database:MigrateOnStart");
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_migrating_on_start_a_node_starts_on_an_up_to_date_database()
    {
        await using var migrated = await ChatTestHost.CreateAsync(database);
        var settings = new Dictionary<string, string?>(migrated.DatabaseSettings) { ["Database:MigrateOnStart"] = "false" };
        await using var node = await ChatTestHost.CreateAsync(TestDatabase.Sqlite, start: false, extraSettings: settings);

        await node.StartAsync();

        await using var db = await node.DbFactory.CreateDbContextAsync();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }
}

public sealed class SchemaCompatibility_on_Sqlite() : SchemaCompatibility(TestDatabase.Sqlite);

public sealed class SchemaCompatibility_on_Postgres() : SchemaCompatibility(TestDatabase.Postgres);
