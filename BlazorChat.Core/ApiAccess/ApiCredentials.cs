using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.ApiAccess;

/// <summary>
/// One sign-in of an API client (a bot, an app, a script). Its access and refresh tokens name it,
/// so signing out revokes exactly this client's tokens and leaves the person's other sign-ins alone.
/// </summary>
public class ApiSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the client last exchanged its refresh token.</summary>
    public DateTimeOffset RefreshedAt { get; set; }

    /// <summary>Set when the client signed out (or the person revoked it); its tokens are refused from then on.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// A long-lived token a person creates in their settings for a script or a bot. Only a hash of the
/// secret is stored; the secret itself is shown once, when it is created.
/// </summary>
public class PersonalAccessToken
{
    public const int NameMaxLength = 64;
    public const int HashLength = 64;
    public const int PrefixLength = 12;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>What the person called it ("deploy bot"), to recognise it in the list.</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the secret, lower-case hex. The secret is random enough that no salt is needed.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the secret, shown in the list so a leaked token can be matched.</summary>
    public string Prefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiSessionConfiguration : IEntityTypeConfiguration<ApiSession>
{
    public void Configure(EntityTypeBuilder<ApiSession> session)
    {
        session.ToTable("ApiSessions");
        session.HasKey(s => s.Id);
        session.HasIndex(s => s.UserId);
        session.HasOne<ChatUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.ToTable("PersonalAccessTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(PersonalAccessToken.NameMaxLength).IsRequired();
        token.Property(t => t.TokenHash).HasMaxLength(PersonalAccessToken.HashLength).IsRequired();
        token.Property(t => t.Prefix).HasMaxLength(PersonalAccessToken.PrefixLength).IsRequired();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<ChatUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
