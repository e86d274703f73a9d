using System.Collections.Concurrent;
using BlazorChat.Core.Common;

namespace BlazorChat.Core.Messages;

/// <summary>
/// At most <see cref="MessagesPerSecond"/> messages per second per person (a burst of that many,
/// refilled continuously). A refused send stores nothing and says when to try again.
/// </summary>
/// <remarks>REVIEW: counts per node; several nodes together allow a multiple until the limit moves to Redis.</remarks>
public sealed class SendRateLimiter(TimeProvider clock)
{
    public const int MessagesPerSecond = 10;

    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    /// <summary>Takes one send from <paramref name="userId"/>'s allowance, or throws <see cref="ChatLimitException"/>.</summary>
    public void Take(Guid userId)
    {
        var now = clock.GetTimestamp();
        var bucket = _buckets.GetOrAdd(userId, _ => new Bucket(MessagesPerSecond, now));
        TimeSpan? wait;
        lock (bucket) wait = bucket.TryTake(now, clock.TimestampFrequency);
        if (wait is { } retryAfter)
            throw new ChatLimitException($"You are sending messages too fast (more than {MessagesPerSecond} a second). Wait a moment.", retryAfter);
        if (_buckets.Count > 10_000) Prune(now);
    }

    // Full buckets carry no state worth keeping.
    private void Prune(long now)
    {
        foreach (var (userId, bucket) in _buckets)
            lock (bucket)
                if (bucket.IsFull(now, clock.TimestampFrequency)) _buckets.TryRemove(userId, out _);
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        private double _tokens = tokens;
        private long _updatedAt = updatedAt;

        public TimeSpan? TryTake(long now, long frequency)
        {
            Refill(now, frequency);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return null;
            }
            return TimeSpan.FromSeconds((1 - _tokens) / MessagesPerSecond);
        }

        public bool IsFull(long now, long frequency)
        {
            Refill(now, frequency);
            return _tokens >= MessagesPerSecond;
        }

        private void Refill(long now, long frequency)
        {
            var seconds = (double)(now - _updatedAt) / frequency;
            _tokens = Math.Min(MessagesPerSecond, _tokens + seconds * MessagesPerSecond);
            _updatedAt = now;
        }
    }
}
