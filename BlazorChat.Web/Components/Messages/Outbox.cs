using BlazorChat.Core.Attachments;
using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Web.Components.Messages;

/// <summary>
/// Messages a view shows optimistically ("sending"), until the server stores them or refuses them
/// ("failed", with Retry). A retry reuses the client message id, so it never stores a duplicate.
/// Sends go out one at a time, in the order written; a message refused only for its pace waits as
/// long as the server asks and goes out by itself.
/// </summary>
public sealed class Outbox(Guid authorId, ILogger logger)
{
    /// <summary>How often a message refused for pace is tried again before it shows as failed.</summary>
    public const int PaceRetries = 5;

    private static readonly TimeSpan LongestPaceWait = TimeSpan.FromSeconds(5);

    private readonly List<PendingMessage> _pending = [];
    private readonly SemaphoreSlim _inOrder = new(1, 1);

    public IReadOnlyList<PendingMessage> Pending => _pending;

    /// <summary>Shows <paramref name="body"/> (and its <paramref name="files"/>) as sending and returns it for <see cref="TrySendAsync"/>.</summary>
    public PendingMessage Add(string body, SendOptions? options = null, IReadOnlyList<AttachmentView>? files = null)
    {
        var pending = new PendingMessage(body, options, files);
        _pending.Add(pending);
        return pending;
    }

    /// <summary>Sends through <paramref name="send"/>; returns the stored message, or null after marking the entry failed.</summary>
    public async Task<MessageView?> TrySendAsync(PendingMessage pending, Func<PendingMessage, Task<MessageView>> send)
    {
        pending.State = SendState.Sending;
        pending.Error = null;
        await _inOrder.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var stored = await send(pending);
                    Confirm(stored);
                    return stored;
                }
                catch (ChatLimitException ex) when (ex.RetryAfter is { } wait && attempt <= PaceRetries)
                {
                    await Task.Delay(wait < LongestPaceWait ? wait : LongestPaceWait);
                }
            }
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
        finally
        {
            _inOrder.Release();
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
