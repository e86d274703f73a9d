using Microsoft.Data.Sqlite;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>A fresh BlazorChat data directory (SQLite file, keys) under the system temp dir, deleted on dispose.</summary>
public sealed class TempDataDirectory : IDisposable
{
    public TempDataDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "blazorchat-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The SQLite connection string for a database file named <paramref name="fileName"/> in this directory.</summary>
    public string SqliteConnectionString(string fileName) =>
        new SqliteConnectionStringBuilder { DataSource = System.IO.Path.Combine(Path, fileName) }.ConnectionString;

    public void Dispose()
    {
        // Pooled connections keep the files open; let go of them first. Deleting is best effort:
        // a leftover temp file must not fail a test that passed.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
