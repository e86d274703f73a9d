using BlazorChat.Core.Common;
using BlazorChat.Core.Data;
using BlazorChat.Core.Events;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Settings;

/// <summary>The site settings changed; every node drops its cached copy.</summary>
public sealed record SiteSettingsChanged(SiteSettings Settings) : ChatEvent
{
    public override string Topic => Topics.Site;
}

/// <summary>
/// Reads and changes the site settings. Reads are served from a copy kept per node (sending a
/// message must not cost a query); a change is written, audited, then published, and every node
/// replaces its copy, so limits apply live without a restart.
/// </summary>
public sealed class SiteSettingsService : IDisposable
{
    public const int MaxUploadMegabytes = 2048;
    public const int MaxQuotaMegabytes = 1_048_576;
    public const int MaxRetentionDays = 36_500;

    private readonly IDbContextFactory<ChatDbContext> _dbFactory;
    private readonly IEventBus _bus;
    private readonly TimeProvider _clock;
    private readonly SiteSettings _defaults;
    private readonly IDisposable _subscription;
    private volatile SiteSettings? _current;

    public SiteSettingsService(IDbContextFactory<ChatDbContext> dbFactory, IEventBus bus, TimeProvider clock, IOptions<RateLimitOptions> rateLimits)
    {
        _dbFactory = dbFactory;
        _bus = bus;
        _clock = clock;
        // Configuration seeds the defaults until an administrator saves settings of their own.
        _defaults = new SiteSettings { MessagesPerSecond = rateLimits.Value.MessagesPerSecond };
        _subscription = bus.Subscribe(Topics.Site, e =>
        {
            if (e is SiteSettingsChanged changed) _current = changed.Settings.Copy();
            return Task.CompletedTask;
        });
    }

    /// <summary>The settings in force (a copy; change them with <see cref="UpdateAsync"/>).</summary>
    public async Task<SiteSettings> GetAsync(CancellationToken ct = default)
    {
        if (_current is { } cached) return cached.Copy();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var stored = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, ct);
        _current = stored ?? _defaults.Copy();
        return _current.Copy();
    }

    /// <summary>The settings in force if this node has read them, else the defaults; for hot paths that cannot wait.</summary>
    public SiteSettings Current => (_current ?? _defaults).Copy();

    /// <summary>Checks, stores, audits and publishes new settings. Administrators only.</summary>
    public async Task<SiteSettings> UpdateAsync(Guid actorId, SiteSettings settings, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        await SiteAccess.RequireAsync(db, actorId, SiteAction.Administer, now, ct);

        var siteName = (settings.SiteName ?? "").Trim();
        if (siteName.Length == 0) throw new ChatValidationException("SiteName", "Give the site a name.");
        if (siteName.Length > SiteSettings.SiteNameMaxLength) throw new ChatValidationException("SiteName", $"A site name has at most {SiteSettings.SiteNameMaxLength} characters.");
        if (!Enum.IsDefined(settings.RegistrationMode)) throw new ChatValidationException("RegistrationMode", "Choose a registration mode.");
        Range("UploadMaxMegabytes", "The upload size", settings.UploadMaxMegabytes, 1, MaxUploadMegabytes, "MB");
        Range("UploadQuotaMegabytes", "The quota", settings.UploadQuotaMegabytes, 1, MaxQuotaMegabytes, "MB");
        Range("MessageMaxLength", "The message length", settings.MessageMaxLength, 1, Message.BodyMaxLength, "characters");
        Range("MessagesPerSecond", "The rate limit", settings.MessagesPerSecond, 1, 1_000_000, "messages a second");
        if (settings.DefaultRetentionDays is { } days) Range("DefaultRetentionDays", "The retention", days, 1, MaxRetentionDays, "days");

        var stored = await db.SiteSettings.SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, ct);
        if (stored is null) db.SiteSettings.Add(stored = new SiteSettings());
        stored.SiteName = siteName;
        stored.RegistrationMode = settings.RegistrationMode;
        stored.UploadMaxMegabytes = settings.UploadMaxMegabytes;
        stored.UploadQuotaMegabytes = settings.UploadQuotaMegabytes;
        stored.MessageMaxLength = settings.MessageMaxLength;
        stored.MessagesPerSecond = settings.MessagesPerSecond;
        stored.DefaultRetentionDays = settings.DefaultRetentionDays;
        stored.UpdatedAt = now;
        AuditLog.Record(db, actorId, "settings.update", "site", now, reason: Describe(stored));
        await db.SaveChangesAsync(ct);

        _current = stored.Copy();
        await _bus.PublishAsync(new SiteSettingsChanged(stored.Copy()), ct);
        return stored.Copy();
    }

    private static void Range(string field, string what, int value, int min, int max, string unit)
    {
        if (value < min || value > max) throw new ChatValidationException(field, $"{what} is between {min:N0} and {max:N0} {unit}.");
    }

    private static string Describe(SiteSettings s) =>
        $"name={s.SiteName}; registration={s.RegistrationMode}; upload={s.UploadMaxMegabytes}MB; quota={s.UploadQuotaMegabytes}MB; " +
        $"length={s.MessageMaxLength}; rate={s.MessagesPerSecond}/s; retention={(s.DefaultRetentionDays?.ToString() ?? "forever")}";

    public void Dispose() => _subscription.Dispose();
}
