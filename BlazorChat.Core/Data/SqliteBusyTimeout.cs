using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorChat.Core.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>) on every connection.
/// Without it Microsoft.Data.Sqlite retries a busy statement after sleeping 150 ms each time, so
/// two people sending at the same moment cost the second one 150 ms, and a busy room seconds;
/// SQLite's own handler retries within a millisecond or two of the lock coming free.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Pragma(connection);
        command?.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Pragma(connection);
        if (command is not null) await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand? Pragma(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return null;
        var command = sqlite.CreateCommand();
        // As long as a command may wait in total (the connection's timeout, 30 s by default).
        command.CommandText = $"PRAGMA busy_timeout = {Math.Max(1, sqlite.DefaultTimeout) * 1000};";
        return command;
    }
}
