using BlazorChat.Core.Data;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace BlazorChat.Tests.Data;

/// <summary>
/// Nodes started together on an empty PostgreSQL database migrate it once: each runs the real
/// start-up (the migrator of its own service provider) at the same moment, and every migration is
/// applied by exactly one of them.
/// </summary>
public sealed class MigratingSeveralNodes(ITestOutputHelper output)
{
    private const int Nodes = 4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Nodes_starting_together_on_an_empty_database_apply_each_migration_once(bool databaseExists)
    {
        await using var database = await PostgresDatabase.CreateAsync("multinode", create: databaseExists);
        var logs = new RecordingLoggerProvider();
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Chat"] = database.ConnectionString };
        var nodes = await Task.WhenAll(Enumerable.Range(0, Nodes).Select(_ =>
            ChatTestHost.CreateAsync(TestDatabase.Sqlite, start: false, extraSettings: settings, logging: l => l.AddProvider(logs))));
        try
        {
            await Task.WhenAll(nodes.Select(node => Task.Run(node.StartAsync)));

            await using var db = await nodes[0].DbFactory.CreateDbContextAsync();
            var known = db.Database.GetMigrations().ToList();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(known);
            var applying = logs.Lines.Where(l => l.EventId.Id == RelationalEventId.MigrationApplying.Id).Select(l => l.Message).ToList();
            output.WriteLine(string.Join(Environment.NewLine, applying));
            applying.Count.ShouldBe(known.Count, "each migration is applied by one node only");
            (await db.Roles.CountAsync()).ShouldBe(SiteRoles.All.Count);
            (await db.DataProtectionKeys.CountAsync()).ShouldBe(0);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
