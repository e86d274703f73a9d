using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Rooms;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> room)
    {
        room.ToTable("Rooms");
        room.HasKey(r => r.Id);
        room.Property(r => r.Slug).HasMaxLength(Room.SlugMaxLength).IsRequired();
        room.Property(r => r.Name).HasMaxLength(Room.NameMaxLength).IsRequired();
        room.Property(r => r.Topic).HasMaxLength(Room.TopicMaxLength).IsRequired();
        room.HasIndex(r => r.Slug).IsUnique();
        room.Property(r => r.DirectKey).HasMaxLength(Room.DirectKeyMaxLength);
        room.HasIndex(r => r.DirectKey).IsUnique();
        room.HasIndex(r => new { r.Kind, r.Name });
        room.HasOne<ChatUser>().WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMember>
{
    public void Configure(EntityTypeBuilder<RoomMember> member)
    {
        member.ToTable("RoomMembers");
        member.HasKey(m => new { m.RoomId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.HasOne(m => m.Room).WithMany(r => r.Members).HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<ChatUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
