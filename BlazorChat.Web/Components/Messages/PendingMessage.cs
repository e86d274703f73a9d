namespace BlazorChat.Web.Components.Messages;

public enum SendState
{
    Sending,
    Failed,
}

/// <summary>A message shown before the server confirmed it. Its client id makes a retry idempotent.</summary>
public sealed class PendingMessage(string body)
{
    public Guid ClientMessageId { get; } = Guid.NewGuid();
    public string Body { get; } = body;
    public SendState State { get; set; } = SendState.Sending;
    public string? Error { get; set; }
}
