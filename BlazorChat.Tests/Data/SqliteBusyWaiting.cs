using BlazorChat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Tests.Data;

/// <summary>
/// On SQLite a writer that finds the database locked waits inside SQLite for the lock, which
/// retries within milliseconds, rather than in the driver's retry loop, which sleeps 150 ms a time.
/// </summary>
public sealed class SqliteBusyWaiting(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    [Fact]
    public async Task Every_connection_waits_for_the_write_lock_as_long_as_a_command_may_run()
    {
        await using var db = await fixture.Host.DbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        var milliseconds = Convert.ToInt64(await command.ExecuteScalarAsync());

        milliseconds.ShouldBe(30_000);
    }
}
