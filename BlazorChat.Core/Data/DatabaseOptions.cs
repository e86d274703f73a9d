using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Database</c> section. The default needs no configuration: SQLite in the data directory.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start (the default). With <c>false</c> a node whose database lacks
    /// migrations refuses to start instead, for deployments that migrate in a separate step.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}

/// <summary>Bound from the <c>BlazorChat</c> section.</summary>
public sealed class ChatOptions
{
    public const string Section = "BlazorChat";

    /// <summary>Holds the SQLite file, uploads and data-protection keys. Relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}
