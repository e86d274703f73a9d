using System.Data.Common;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>The PostgreSQL server ./test.sh starts for the tests, and fresh databases on it.</summary>
public static class TestPostgres
{
    /// <summary>The connection string of a database named <paramref name="prefix"/> plus a random part, which the app creates on its first start.</summary>
    public static string NewDatabase(string prefix)
    {
        var postgres = Environment.GetEnvironmentVariable("BLAZORCHAT_TEST_POSTGRES") is { Length: > 0 } pg ? pg
            : throw new InvalidOperationException("BLAZORCHAT_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for the tests.");
        var database = new DbConnectionStringBuilder { ConnectionString = postgres };
        database["Database"] = $"{prefix}_{Guid.NewGuid():N}"[..24];
        return database.ConnectionString;
    }
}
