using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Images;
using BlazorChat.Core.Attachments.Storage;
using BlazorChat.Core.Data;
using BlazorChat.Core.Diagnostics;
using BlazorChat.Core.Events;
using BlazorChat.Core.Events.Redis;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Retention;
using BlazorChat.Core.Sessions;
using BlazorChat.Core.Settings;
using BlazorChat.Core.Notifications;
using BlazorChat.Core.Presence;
using BlazorChat.Core.ReadState;
using BlazorChat.Core.Search;
using BlazorChat.Core.Typing;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database, the event bus and the chat services. With no configuration the
    /// database is SQLite in <c>BlazorChat:DataDirectory</c>; <c>Database:Provider=Postgres</c> with
    /// <c>ConnectionStrings:Chat</c> selects PostgreSQL.
    /// </summary>
    public static IHostApplicationBuilder AddChatCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatOptions>().Bind(builder.Configuration.GetSection(ChatOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();

        var dataDirectory = builder.GetDataDirectory();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString("Chat");
        services.AddDbContextFactory<ChatDbContext>(options =>
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new OptionsValidationException("ConnectionStrings:Chat", typeof(DatabaseOptions),
                        ["Database:Provider is Postgres, so ConnectionStrings:Chat must be set."]);
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(ChatMigrations.PostgresAssembly));
            }
            else
            {
                options.UseSqlite(string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "blazorchat.db")}"
                    : connectionString, sqlite => sqlite.MigrationsAssembly(ChatMigrations.SqliteAssembly));
                options.AddInterceptors(new SqliteBusyTimeout());
            }
        });

        // The first hosted service: every one registered after it starts on an up-to-date schema.
        services.AddHostedService<DatabaseMigrator>();

        // Identity's part of the model depends on this; keep it beside the database registration.
        services.Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = IdentitySchemaVersions.Version3);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeIdentity(builder.Configuration[NodeIdentity.ConfigurationKey]));
        services.AddMetrics();
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<InMemoryEventBus>();
        // Several nodes: Redis:Connection swaps in the Redis bus, which delivers here first and then to the other nodes.
        if (!builder.AddRedisEventBus())
        {
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<InMemoryEventBus>());
            services.AddSingleton<IEventBusStatus, SingleNodeStatus>();
        }
        services.AddSingleton<MarkdownRenderer>();
        services.AddOptions<RoomLimits>().Bind(builder.Configuration.GetSection(RoomLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RoomService>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<MessageService>();
        services.AddSingleton<MessageEditing>();
        services.AddSingleton<ReactionService>();
        services.AddSingleton<PinService>();
        services.AddSingleton<SavedMessageService>();
        services.AddSingleton<MentionService>();
        services.AddSingleton<IMessageIndex>(database.Provider == DatabaseProvider.Postgres ? new PostgresMessageIndex() : new SqliteMessageIndex());
        services.AddSingleton<MessageSearch>();
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<TypingService>();
        services.AddSingleton<ReadStateService>();
        services.AddSingleton<NotificationPreferences>();
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        services.AddSingleton<ApiSessionService>();
        services.AddSingleton<PersonalAccessTokenService>();
        services.AddScoped<AccountService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<BrowserSessionService>();
        builder.AddChatFiles(dataDirectory);

        // Administration and moderation.
        services.AddSingleton<SiteSettingsService>();
        services.AddSingleton<InviteService>();
        services.AddSingleton<LeaseStore>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<RoomModeration>();
        services.AddSingleton<ReportQueue>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RoomAdministration>();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<RetentionSweeper>();
        services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<RetentionJob>();
        services.AddHostedService<NodeHeartbeat>();
        return builder;
    }

    /// <summary>
    /// Uploads, the file store (the data directory's <c>files/</c> unless <c>BlazorChat:Storage:Provider</c>
    /// is <c>S3</c>), the image pipeline, profile pictures and the cleanup job.
    /// </summary>
    private static void AddChatFiles(this IHostApplicationBuilder builder, string dataDirectory)
    {
        var services = builder.Services;
        services.AddOptions<UploadOptions>().Bind(builder.Configuration.GetSection(UploadOptions.Section)).ValidateDataAnnotations()
            .PostConfigure(o => o.TempDirectory ??= Path.Combine(dataDirectory, "tmp")).ValidateOnStart();
        services.AddOptions<ImageOptions>().Bind(builder.Configuration.GetSection(ImageOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Timeout > TimeSpan.Zero, "BlazorChat:Images:Timeout must be longer than zero.").ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o => o.LocalDirectory ??= Path.Combine(dataDirectory, "files"))
            .Validate(o => o.Provider != FileStoreProvider.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket),
                "BlazorChat:Storage:Provider is S3, so BlazorChat:Storage:S3:Bucket must be set.")
            .ValidateOnStart();
        var provider = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.Provider ?? FileStoreProvider.Local;
        if (provider == FileStoreProvider.S3) services.AddSingleton<IFileStore, S3FileStore>();
        else services.AddSingleton<IFileStore, LocalFileStore>();
        services.AddSingleton<ImageSlots>();
        services.AddSingleton<ImagePipeline>();
        services.AddSingleton<UploadLimits>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<AvatarService>();
        services.AddHostedService<AttachmentCleanup>();
    }

    /// <summary>The absolute data directory, created if missing.</summary>
    public static string GetDataDirectory(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{ChatOptions.Section}:{nameof(ChatOptions.DataDirectory)}"];
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(path);
        return path;
    }
}
