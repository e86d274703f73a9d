using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// The whole web app (its own <c>Program</c>, registration and pipeline) in memory, on a
/// database and data directory of its own.
/// </summary>
public sealed class ChatWebApplication(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not app configuration) so AddChatCore sees the values while it registers.
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client that behaves like one browser: it keeps cookies and shows redirects instead of following them.</summary>
    public WebSession CreateSession() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}

/// <summary>One started web app shared by the tests of a class; each test uses its own accounts.</summary>
public abstract class WebAppFixture(TestDatabase database) : IAsyncLifetime
{
    /// <summary>Settings a fixture adds to the app's configuration (limits for the API tests, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    private readonly TempDataDirectory _dataDirectory = new();
    private PostgresDatabase? _postgres;
    private ChatWebApplication? _app;

    public TestDatabase Database { get; } = database;

    public ChatWebApplication App => _app ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(ExtraSettings) { ["BlazorChat:DataDirectory"] = _dataDirectory.Path };
        if (Database == TestDatabase.Postgres)
        {
            _postgres = await PostgresDatabase.CreateAsync("web");
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Chat"] = _postgres.ConnectionString;
        }
        _app = new ChatWebApplication(settings);
        // Starts the host now, so a start-up failure (migration, options validation) is reported as such.
        _ = _app.Services;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _dataDirectory.Dispose();
    }
}

public sealed class SqliteWebApp() : WebAppFixture(TestDatabase.Sqlite);

public sealed class PostgresWebApp() : WebAppFixture(TestDatabase.Postgres);
