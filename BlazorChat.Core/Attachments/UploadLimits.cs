using BlazorChat.Core.Settings;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Attachments;

/// <summary>
/// The upload limits in force: those of configuration until an administrator saves site settings,
/// whose upload size and quota then rule, live on every node (as the message rate limit does).
/// </summary>
public sealed class UploadLimits(IOptions<UploadOptions> options, SiteSettingsService settings)
{
    private const long Megabyte = 1024L * 1024;

    public async Task<UploadOptions> GetAsync(CancellationToken ct = default)
    {
        var site = await settings.GetAsync(ct);
        return site.UpdatedAt == default
            ? options.Value
            : options.Value.WithLimits(site.UploadMaxMegabytes * Megabyte, site.UploadQuotaMegabytes * Megabyte);
    }
}
