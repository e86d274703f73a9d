using BlazorChat.Core;
using BlazorChat.Core.Data;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>The database a test host runs on.</summary>
public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The chat core as the app registers it (<c>AddChatCore</c>, plus Identity's user store as the
/// web app adds it) on a database of its own. Starting it runs the real start-up migration and
/// role seeding. Services come from DI, so the Identity schema options reach the EF model.
/// </summary>
public sealed class ChatTestHost : IAsyncDisposable
{
    /// <summary>Satisfies Identity's default password rules and the web app's stricter-length ones.</summary>
    public const string Password = "Correct-Horse-42";

    private readonly IHost _host;
    private readonly TempDataDirectory _dataDirectory;
    private readonly PostgresDatabase? _postgres;

    private ChatTestHost(IHost host, TempDataDirectory dataDirectory, PostgresDatabase? postgres, IReadOnlyDictionary<string, string?> databaseSettings)
    {
        _host = host;
        _dataDirectory = dataDirectory;
        _postgres = postgres;
        DatabaseSettings = databaseSettings;
    }

    /// <summary>Settings that put another host (another node) on this host's database.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings { get; }

    /// <summary>Runs the start-up (migration, seeding) of a host created with <c>start: false</c>.</summary>
    public Task StartAsync() => _host.StartAsync();

    public IServiceProvider Services => _host.Services;
    public RoomService Rooms => Services.GetRequiredService<RoomService>();
    public MessageService Messages => Services.GetRequiredService<MessageService>();
    public IDbContextFactory<ChatDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<ChatDbContext>>();

    /// <summary>The data directory (SQLite file, stored files, temp uploads).</summary>
    public string DataDirectory => _dataDirectory.Path;

    /// <summary>
    /// Builds a host on a fresh database; with <paramref name="start"/> the database is migrated and seeded.
    /// <paramref name="extraSettings"/> add to (or replace) the test configuration; <paramref name="logging"/>
    /// adds logger providers (the host logs nowhere by default).
    /// </summary>
    public static async Task<ChatTestHost> CreateAsync(TestDatabase database, bool start = true, string purpose = "core",
        IReadOnlyDictionary<string, string?>? extraSettings = null, Action<ILoggingBuilder>? logging = null)
    {
        var dataDirectory = new TempDataDirectory();
        PostgresDatabase? postgres = null;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["BlazorChat:DataDirectory"] = dataDirectory.Path,
                // Tests send bursts from one person; the limit itself is tested on its own.
                [$"{RateLimitOptions.Section}:MessagesPerSecond"] = "1000000",
            };
            if (database == TestDatabase.Postgres)
            {
                postgres = await PostgresDatabase.CreateAsync(purpose);
                settings["Database:Provider"] = "Postgres";
                settings["ConnectionStrings:Chat"] = postgres.ConnectionString;
            }
            foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) settings[key] = value;

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                // No appsettings or environment variables: the test decides the whole configuration.
                DisableDefaults = true,
                EnvironmentName = Environments.Development,
                ContentRootPath = dataDirectory.Path,
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.AddChatCore();
            builder.Services.AddLogging(logging ?? (_ => { }));
            builder.Services.AddIdentityCore<ChatUser>(options =>
                {
                    options.User.RequireUniqueEmail = true;
                    options.User.AllowedUserNameCharacters = UsernameRules.AllowedCharacters;
                })
                .AddRoles<IdentityRole<Guid>>()
                .AddEntityFrameworkStores<ChatDbContext>();

            var host = builder.Build();
            if (start) await host.StartAsync();
            var databaseSettings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = settings.GetValueOrDefault("Database:Provider") ?? "Sqlite",
                ["ConnectionStrings:Chat"] = settings.GetValueOrDefault("ConnectionStrings:Chat") ?? dataDirectory.SqliteConnectionString("blazorchat.db"),
            };
            return new ChatTestHost(host, dataDirectory, postgres, databaseSettings);
        }
        catch
        {
            if (postgres is not null) await postgres.DisposeAsync();
            dataDirectory.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/> with the scoped account service, as one request would.</summary>
    public async Task<T> WithAccountsAsync<T>(Func<AccountService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AccountService>());
    }

    /// <summary>Registers a person with a unique username (prefixed <paramref name="prefix"/>) through the real registration path.</summary>
    public async Task<ChatUser> CreateUserAsync(string prefix = "user")
    {
        var username = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(UsernameRules.MaxLength, prefix.Length + 13)];
        var result = await WithAccountsAsync(accounts => accounts.RegisterAsync($"{username}@example.test", username, Password));
        if (!result.Succeeded)
            throw new InvalidOperationException($"Test user {username} could not be registered: " +
                string.Join("; ", result.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        return result.User!;
    }

    /// <summary>Creates a channel owned by a new user and returns both.</summary>
    public async Task<(RoomView Room, ChatUser Owner)> CreateChannelAsync(string name, bool isPrivate = false)
    {
        var owner = await CreateUserAsync("owner");
        var room = await Rooms.CreateChannelAsync(owner.Id, name, topic: null, isPrivate);
        return (room, owner);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            if (_postgres is not null) await _postgres.DisposeAsync();
            _dataDirectory.Dispose();
        }
    }
}

/// <summary>One migrated chat host shared by the tests of a class; tests create their own users and rooms.</summary>
public abstract class ChatHostFixture(TestDatabase database) : IAsyncLifetime
{
    private ChatTestHost? _host;

    public TestDatabase Database { get; } = database;

    public ChatTestHost Host => _host ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>The installation's first account, hence its site Administrator; registered before any test's people.</summary>
    public ChatUser SiteAdmin { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _host = await ChatTestHost.CreateAsync(Database);
        SiteAdmin = await _host.CreateUserAsync("siteadmin");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

public sealed class SqliteChatHost() : ChatHostFixture(TestDatabase.Sqlite);

public sealed class PostgresChatHost() : ChatHostFixture(TestDatabase.Postgres);
