using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Moderation;

/// <summary>One administrative or moderation action: who did what to what, when and why.</summary>
public class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int TargetMaxLength = 200;
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }
    public Guid ActorId { get; set; }

    /// <summary>A stable action name, e.g. "message.delete", "room.archive", "member.remove".</summary>
    public string Action { get; set; } = "";

    /// <summary>What the action was done to, e.g. "message:{id}", "user:{id}".</summary>
    public string Target { get; set; } = "";

    public Guid? RoomId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsRequired();
        entry.Property(e => e.Target).HasMaxLength(AuditEntry.TargetMaxLength).IsRequired();
        entry.Property(e => e.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        entry.HasIndex(e => e.ActorId);
        entry.HasIndex(e => e.RoomId);
        entry.HasOne<ChatUser>().WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.Restrict);
    }
}
