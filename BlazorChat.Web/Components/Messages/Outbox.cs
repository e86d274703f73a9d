using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Web.Components.Messages;

/// <summary>
/// Messages a view shows optimistically ("sending"), until the server stores them or refuses them
/// ("failed", with Retry). A retry reuses the client message id, so it never stores a duplicate.
/// </summary>
public sealed class Outbox(Guid authorId, ILogger logger)
{
    private readonly List<PendingMessage> _pending = [];

    public IReadOnlyList<PendingMessage> Pending => _pending;

    /// <summary>Shows <paramref name="body"/> as sending and returns it for <see cref="TrySendAsync"/>.</summary>
    public PendingMessage Add(string body, SendOptions? options = null)
    {
        var pending = new PendingMessage(body, options);
        _pending.Add(pending);
        return pending;
    }

    /// <summary>Sends through <paramref name="send"/>; returns the stored message, or null after marking the entry failed.</summary>
    public async Task<MessageView?> TrySendAsync(PendingMessage pending, Func<PendingMessage, Task<MessageView>> send)
    {
        pending.State = SendState.Sending;
        pending.Error = null;
        try
        {
            var stored = await send(pending);
            Confirm(stored);
            return stored;
        }
        catch (ChatException ex)
        {
            pending.State = SendState.Failed;
            pending.Error = ex.Message;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Sending a message failed");
            pending.State = SendState.Failed;
            pending.Error = "Not sent. Check your connection and retry.";
        }
        return null;
    }

    /// <summary>Removes the entry a stored message (own, arriving live or returned) stands for.</summary>
    public void Confirm(MessageView stored)
    {
        if (stored.AuthorId == authorId) _pending.RemoveAll(p => p.ClientMessageId == stored.ClientMessageId);
    }

    public void Clear() => _pending.Clear();
}
