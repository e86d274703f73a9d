using Npgsql;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// A uniquely named PostgreSQL database on the test server, created empty and dropped on
/// dispose, so test classes never see each other's rows and runs never see leftovers.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Connects to this database with the test server's superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Creates an empty database whose name starts with <paramref name="purpose"/> (for finding leftovers by eye);
    /// with <paramref name="create"/> false only names one, for a test of creating it.
    /// </summary>
    public static async Task<PostgresDatabase> CreateAsync(string purpose, bool create = true)
    {
        var admin = TestServices.PostgresConnectionString;
        var prefix = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
        var database = new PostgresDatabase(admin, $"bct_{prefix}_{Guid.NewGuid():N}"); // at most 61 of the 63 characters allowed
        if (create) await database.ExecuteAsAdminAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        // FORCE ends sessions a test left open (PostgreSQL 13+).
        await ExecuteAsAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"Cannot connect to the test PostgreSQL given by {TestServices.PostgresVariable} " +
                $"({new NpgsqlConnectionStringBuilder(_adminConnectionString) { Password = null }}): {ex.Message}", ex);
        }
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
