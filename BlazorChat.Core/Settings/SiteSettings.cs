using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Settings;

/// <summary>Who may create an account.</summary>
public enum RegistrationMode
{
    /// <summary>Anyone who finds the site.</summary>
    Open = 0,

    /// <summary>Only people holding an invite link an administrator created.</summary>
    InviteOnly = 1,

    /// <summary>Nobody can register.</summary>
    Closed = 2,
}

/// <summary>
/// The installation's settings, one row, edited on <c>/admin/settings</c> and applied live on every
/// node. Absent until first saved: the defaults then apply.
/// </summary>
public class SiteSettings
{
    public const int SingletonId = 1;
    public const int SiteNameMaxLength = 80;
    public const string DefaultSiteName = "BlazorChat";

    public int Id { get; set; } = SingletonId;
    public string SiteName { get; set; } = DefaultSiteName;
    public RegistrationMode RegistrationMode { get; set; }

    /// <summary>The largest file one upload may be, in megabytes.</summary>
    public int UploadMaxMegabytes { get; set; } = 10;

    /// <summary>What one person may store in uploads altogether, in megabytes.</summary>
    public int UploadQuotaMegabytes { get; set; } = 1024;

    /// <summary>The most characters a message may have (at most <see cref="Messages.Message.BodyMaxLength"/>).</summary>
    public int MessageMaxLength { get; set; } = Messages.Message.BodyMaxLength;

    /// <summary>Messages one person may send per second.</summary>
    public int MessagesPerSecond { get; set; } = Messages.SendRateLimiter.DefaultMessagesPerSecond;

    /// <summary>Days messages are kept in rooms that set no retention of their own; null keeps them forever.</summary>
    public int? DefaultRetentionDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public SiteSettings Copy() => (SiteSettings)MemberwiseClone();
}

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> settings)
    {
        settings.ToTable("SiteSettings");
        settings.HasKey(s => s.Id);
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.SiteName).HasMaxLength(SiteSettings.SiteNameMaxLength).IsRequired();
    }
}
