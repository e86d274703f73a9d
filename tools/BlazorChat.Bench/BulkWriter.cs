using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace BlazorChat.Bench;

/// <summary>Writes many rows into one table fast: binary COPY on PostgreSQL, one prepared statement in one transaction on SQLite.</summary>
internal interface IBulkTable : IAsyncDisposable
{
    Task WriteAsync(params object?[] row);

    Task CompleteAsync();
}

internal static class BulkWriter
{
    /// <summary>Runs one statement without a time limit (index builds, VACUUM).</summary>
    public static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<IBulkTable> OpenAsync(DbConnection connection, string table, params string[] columns) => connection switch
    {
        NpgsqlConnection npgsql => new PostgresTable(await npgsql.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)")),
        SqliteConnection sqlite => SqliteTable.Open(sqlite, table, columns),
        _ => throw new NotSupportedException(connection.GetType().Name),
    };

    private sealed class PostgresTable(NpgsqlBinaryImporter importer) : IBulkTable
    {
        public async Task WriteAsync(params object?[] row)
        {
            await importer.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await importer.WriteNullAsync(); break;
                    case Guid g: await importer.WriteAsync(g, NpgsqlDbType.Uuid); break;
                    case string s: await importer.WriteAsync(s, NpgsqlDbType.Text); break;
                    case bool b: await importer.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    case int i: await importer.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case long l: await importer.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case DateTimeOffset t: await importer.WriteAsync(t.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
                    default: throw new NotSupportedException(value.GetType().Name);
                }
            }
        }

        public async Task CompleteAsync() => await importer.CompleteAsync();

        public ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    private sealed class SqliteTable(SqliteTransaction transaction, SqliteCommand command) : IBulkTable
    {
        public static SqliteTable Open(SqliteConnection connection, string table, string[] columns)
        {
            var transaction = connection.BeginTransaction();
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            command.Prepare();
            return new SqliteTable(transaction, command);
        }

        public async Task WriteAsync(params object?[] row)
        {
            for (var i = 0; i < row.Length; i++)
            {
                // Stored as EF Core stores them on SQLite.
                command.Parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateTimeOffset t => t.ToUniversalTime().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
                    bool b => b ? 1L : 0L,
                    var v => v,
                };
            }
            await command.ExecuteNonQueryAsync();
        }

        public async Task CompleteAsync() => await transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await transaction.DisposeAsync();
        }
    }
}
