using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Moderation;

/// <summary>A member who may read a room but not post in it until <see cref="Until"/> (null: until a moderator lifts it).</summary>
public class RoomMute
{
    public Guid RoomId { get; set; }
    public Guid UserId { get; set; }
    public Guid MutedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? Until { get; set; }
    public string? Reason { get; set; }

    public bool IsInForce(DateTimeOffset now) => Until is not { } end || end > now;
}

internal sealed class RoomMuteConfiguration : IEntityTypeConfiguration<RoomMute>
{
    public void Configure(EntityTypeBuilder<RoomMute> mute)
    {
        mute.ToTable("RoomMutes");
        mute.HasKey(m => new { m.RoomId, m.UserId });
        mute.HasIndex(m => m.UserId);
        mute.Property(m => m.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        mute.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        mute.HasOne<ChatUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
