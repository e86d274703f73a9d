using BlazorChat.Core.Messages;
using BlazorChat.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorChat.Core.Moderation;

public enum ReportStatus
{
    Open = 0,
    Resolved = 1,
}

/// <summary>What a moderator did about a report.</summary>
public enum ReportOutcome
{
    Dismiss,
    DeleteMessage,
    Warn,
    Mute,
    Ban,
}

/// <summary>A member's report of a message, waiting in the moderators' queue until someone acts on it.</summary>
public class MessageReport
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid RoomId { get; set; }
    public Guid ReporterId { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public ReportStatus Status { get; set; }
    public Guid? HandledById { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public ReportOutcome? Outcome { get; set; }
}

internal sealed class MessageReportConfiguration : IEntityTypeConfiguration<MessageReport>
{
    public void Configure(EntityTypeBuilder<MessageReport> report)
    {
        report.ToTable("MessageReports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Reason).HasMaxLength(MessageReport.ReasonMaxLength).IsRequired();
        // One report per person and message; the queue reads open reports, oldest first.
        report.HasIndex(r => new { r.MessageId, r.ReporterId }).IsUnique();
        report.HasIndex(r => new { r.Status, r.Id });
        report.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne<ChatUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}
