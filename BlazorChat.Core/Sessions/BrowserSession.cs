using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Sessions;

/// <summary>
/// One browser sign-in. Its id travels in the sign-in cookie, so the person can see where they
/// are signed in and end any of those sign-ins; the cookie of a revoked session stops working.
/// </summary>
public class BrowserSession
{
    public const int UserAgentMaxLength = 300;
    public const int AddressMaxLength = 64;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the cookie was last checked (about once a minute while in use).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The browser's User-Agent at sign-in, to recognise the device.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The address the sign-in came from.</summary>
    public string? Address { get; set; }

    /// <summary>Set when the person signed out there or ended it from elsewhere.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class BrowserSessionConfiguration : IEntityTypeConfiguration<BrowserSession>
{
    public void Configure(EntityTypeBuilder<BrowserSession> session)
    {
        session.HasKey(s => s.Id);
        session.Property(s => s.UserAgent).HasMaxLength(BrowserSession.UserAgentMaxLength);
        session.Property(s => s.Address).HasMaxLength(BrowserSession.AddressMaxLength);
        session.HasOne<ChatUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => new { s.UserId, s.RevokedAt });
    }
}
