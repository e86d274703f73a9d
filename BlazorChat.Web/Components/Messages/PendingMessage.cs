using BlazorChat.Core.Attachments;
using BlazorChat.Core.Messages;

namespace BlazorChat.Web.Components.Messages;

public enum SendState
{
    Sending,
    Failed,
}

/// <summary>A message shown before the server confirmed it. Its client id makes a retry idempotent.</summary>
public sealed class PendingMessage(string body, SendOptions? options = null, IReadOnlyList<AttachmentView>? files = null)
{
    public Guid ClientMessageId { get; } = Guid.NewGuid();
    public string Body { get; } = body;

    /// <summary>The thread and quote it was written for; a retry sends exactly the same.</summary>
    public SendOptions Options { get; } = options ?? SendOptions.None;

    /// <summary>The files going with it (already uploaded; the send attaches them).</summary>
    public IReadOnlyList<AttachmentView> Files { get; } = files ?? [];

    public SendState State { get; set; } = SendState.Sending;
    public string? Error { get; set; }
}
