using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Attachments;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Moderation;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Sessions;
using BlazorChat.Core.Settings;
using BlazorChat.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorChat.Core.Data;

/// <summary>
/// The chat database: Identity tables plus rooms, members, messages and their files, API access,
/// moderation, site settings, and the data-protection keys every node shares.
/// </summary>
/// <remarks>
/// Migrations are written by hand in <c>Data/Migrations</c> (the EF design-time package is not
/// available): add a class with <c>[DbContext(typeof(ChatDbContext))]</c> and
/// <c>[Migration("yyyyMMddHHmmss_Name")]</c>, use provider-neutral <c>MigrationBuilder</c> calls, and
/// run the schema-drift tests, which compare a migrated database with one created from this model on
/// SQLite and PostgreSQL and fail on any difference.
/// The Identity schema version (3, with passkeys) comes from <c>IdentityOptions</c>, which
/// <c>AddChatCore</c> sets, so create contexts through the service provider.
/// Use <see cref="IDbContextFactory{TContext}"/> and one context per operation; never keep one for a circuit.
/// </remarks>
public class ChatDbContext(DbContextOptions<ChatDbContext> options)
    : IdentityDbContext<ChatUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<RoomMember> RoomMembers => Set<RoomMember>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageRevision> MessageRevisions => Set<MessageRevision>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<SavedMessage> SavedMessages => Set<SavedMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ApiSession> ApiSessions => Set<ApiSession>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<MessageReport> MessageReports => Set<MessageReport>();
    public DbSet<RoomMute> RoomMutes => Set<RoomMute>();
    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<BrowserSession> BrowserSessions => Set<BrowserSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ChatUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(64).IsRequired();
            user.Property(u => u.AvatarVersion).HasMaxLength(32);
            // One account per email address, enforced by the database (Identity only checks before inserting).
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
            user.Property(u => u.BanReason).HasMaxLength(ChatUser.BanReasonMaxLength);
            user.Property(u => u.Bio).HasMaxLength(ProfileRules.BioMaxLength);
            user.Property(u => u.TimeZone).HasMaxLength(ProfileRules.TimeZoneMaxLength);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(ChatDbContext).Assembly);
    }
}
