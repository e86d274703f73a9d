using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Messages;

internal sealed class MessageRevisionConfiguration : IEntityTypeConfiguration<MessageRevision>
{
    public void Configure(EntityTypeBuilder<MessageRevision> revision)
    {
        revision.ToTable("MessageRevisions");
        revision.HasKey(r => r.Id);
        revision.Property(r => r.Body).HasMaxLength(Message.BodyMaxLength).IsRequired();
        revision.Property(r => r.BodyHtml).IsRequired();
        revision.HasIndex(r => r.MessageId);
        revision.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> reaction)
    {
        reaction.ToTable("Reactions");
        reaction.HasKey(r => new { r.MessageId, r.UserId, r.Emoji });
        reaction.Property(r => r.Emoji).HasMaxLength(Reaction.EmojiMaxLength);
        reaction.HasIndex(r => r.UserId);
        reaction.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        reaction.HasOne<ChatUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentionConfiguration : IEntityTypeConfiguration<Mention>
{
    public void Configure(EntityTypeBuilder<Mention> mention)
    {
        mention.ToTable("Mentions");
        mention.HasKey(m => new { m.MessageId, m.UserId });
        // The mentions view: a user's mentions, newest first (message ids are time-ordered).
        mention.HasIndex(m => new { m.UserId, m.MessageId });
        mention.HasIndex(m => m.RoomId);
        mention.HasOne<Message>().WithMany().HasForeignKey(m => m.MessageId).OnDelete(DeleteBehavior.Cascade);
        mention.HasOne<ChatUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        mention.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SavedMessageConfiguration : IEntityTypeConfiguration<SavedMessage>
{
    public void Configure(EntityTypeBuilder<SavedMessage> saved)
    {
        saved.ToTable("SavedMessages");
        saved.HasKey(s => new { s.UserId, s.MessageId });
        saved.HasIndex(s => s.MessageId);
        saved.HasOne<Message>().WithMany().HasForeignKey(s => s.MessageId).OnDelete(DeleteBehavior.Cascade);
        saved.HasOne<ChatUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
