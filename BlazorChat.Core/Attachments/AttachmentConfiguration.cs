using BlazorChat.Core.Messages;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Attachments;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("Attachments");
        attachment.HasKey(a => a.Id);
        attachment.Property(a => a.FileName).HasMaxLength(FileNames.MaxLength).IsRequired();
        attachment.Property(a => a.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength).IsRequired();
        // A message's files in order (views, search's has:file).
        attachment.HasIndex(a => new { a.MessageId, a.Position });
        // The quota sums an uploader's files.
        attachment.HasIndex(a => a.UploaderId);
        attachment.HasIndex(a => a.RoomId);
        // Deleting a message row or a room does not delete bytes: the link is cut and the cleanup job purges.
        attachment.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.SetNull);
        attachment.HasOne<Room>().WithMany().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.SetNull);
        attachment.HasOne<ChatUser>().WithMany().HasForeignKey(a => a.UploaderId).OnDelete(DeleteBehavior.Restrict);
    }
}
