using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorChat.Core.Data;

/// <summary>
/// Where the migrations of <see cref="ChatDbContext"/> live: one assembly per provider, each generated
/// by <c>dotnet ef migrations add</c> with its own model snapshot (ADR-017).
/// </summary>
public static class ChatMigrations
{
    public const string SqliteAssembly = "BlazorChat.Migrations.Sqlite";
    public const string PostgresAssembly = "BlazorChat.Migrations.Postgres";

    /// <summary>
    /// The migrations written by hand before the generated baseline, oldest first. A database they
    /// built has the baseline's schema; the migrator rewrites its history to the baseline at start.
    /// </summary>
    public static readonly IReadOnlyList<string> HandWritten =
    [
        "20261122040000_InitialSchema",
        "20261202090000_Attachments",
        "20261205090000_AddMessageSearch",
        "20261205100000_ApiAccess",
        "20261205110000_Administration",
        "20261211090000_DataProtectionKeys",
        "20261212090000_ProfileAndSessions",
    ];
}

/// <summary>
/// How <c>dotnet ef</c> builds the context of one provider: through <c>AddChatCore</c>, as the app does,
/// so the design-time model is the app's (Identity's schema version comes from <c>IdentityOptions</c>).
/// The connection string is only used by commands that connect; give it with <c>--connection</c>, or
/// as <c>ConnectionStrings__Chat</c> or <c>-- --ConnectionStrings:Chat=…</c>.
/// </summary>
public abstract class ChatDesignTimeDbContextFactory(DatabaseProvider provider) : IDesignTimeDbContextFactory<ChatDbContext>
{
    public ChatDbContext CreateDbContext(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // No stray data directory in the working directory; a SQLite database is named with the connection.
            [$"{ChatOptions.Section}:{nameof(ChatOptions.DataDirectory)}"] = Path.Combine(Path.GetTempPath(), "blazorchat-design"),
            ["ConnectionStrings:Chat"] = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=blazorchat" : null,
        });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = provider.ToString() });
        builder.AddChatCore();
        // The host is never started: nothing runs but the context the tool asks for.
        return builder.Build().Services.GetRequiredService<IDbContextFactory<ChatDbContext>>().CreateDbContext();
    }
}
