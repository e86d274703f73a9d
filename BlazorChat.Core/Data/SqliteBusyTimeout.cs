using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace BlazorChat.Core.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>) on every connection.
/// Without it Microsoft.Data.Sqlite retries a busy statement after sleeping 150 ms each time, so
/// two people sending at the same moment cost the second one 150 ms, and a busy room seconds;
/// SQLite's own handler retries within a millisecond or two of the lock coming free.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    // Set on the native handle, not with a PRAGMA statement: EF opens a (pooled) connection for
    // each query, and a statement per open would be one more round trip for every query.
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite) return;
        // As long as a command may wait in total (the connection's timeout, 30 s by default).
        var rc = raw.sqlite3_busy_timeout(handle, Math.Max(1, sqlite.DefaultTimeout) * 1000);
        if (rc != raw.SQLITE_OK) throw new SqliteException($"Could not set the busy timeout (SQLite error {rc}).", rc);
    }
}
