using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Messages;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> message)
    {
        message.ToTable("Messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Body).HasMaxLength(Message.BodyMaxLength).IsRequired();
        message.Property(m => m.BodyHtml).IsRequired();
        // History is read by keyset on (RoomId, Seq); the index is also what makes Seq unique per room.
        message.HasIndex(m => new { m.RoomId, m.Seq }).IsUnique();
        // Idempotent sends: one stored message per sender and client message id.
        message.HasIndex(m => new { m.AuthorId, m.ClientMessageId }).IsUnique();
        message.Property(m => m.DeleteReason).HasMaxLength(Message.ReasonMaxLength);
        // Thread panels read replies by root in order.
        message.HasIndex(m => new { m.ThreadRootId, m.Seq });
        message.HasIndex(m => new { m.RoomId, m.PinnedAt });
        // Search lists newest first and filters by date (Search/); retention and the dashboard's
        // message counts select by age: all walk this index.
        message.HasIndex(m => new { m.CreatedAt, m.Id });
        message.HasOne<Message>().WithMany().HasForeignKey(m => m.ThreadRootId).OnDelete(DeleteBehavior.Restrict);
        message.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        message.HasOne<ChatUser>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}
