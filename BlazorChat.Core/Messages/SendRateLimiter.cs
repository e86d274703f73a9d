using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using BlazorChat.Core.Common;
using BlazorChat.Core.Settings;
using Microsoft.Extensions.Options;

namespace BlazorChat.Core.Messages;

/// <summary>Bound from <c>BlazorChat:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "BlazorChat:RateLimits";

    /// <summary>Messages a person may send per second (and in one burst).</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerSecond { get; set; } = SendRateLimiter.DefaultMessagesPerSecond;
}

/// <summary>
/// At most <see cref="SiteSettings.MessagesPerSecond"/> messages per second per person (a burst
/// of that many, refilled continuously); <see cref="RateLimitOptions.MessagesPerSecond"/> until an
/// administrator sets it. A refused send stores nothing and says when to try again.
/// </summary>
/// <remarks>REVIEW: counts per node; several nodes together allow a multiple until the limit moves to Redis.</remarks>
public sealed class SendRateLimiter(TimeProvider clock, IOptions<RateLimitOptions> options, SiteSettingsService? settings = null)
{
    public const int DefaultMessagesPerSecond = 10;

    // Read on every send, so a change of the site settings applies at once.
    private int PerSecond => settings?.Current.MessagesPerSecond ?? options.Value.MessagesPerSecond;

    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    /// <summary>Takes one send from <paramref name="userId"/>'s allowance, or throws <see cref="ChatLimitException"/>.</summary>
    public void Take(Guid userId)
    {
        var now = clock.GetTimestamp();
        var perSecond = PerSecond;
        var bucket = _buckets.GetOrAdd(userId, _ => new Bucket(perSecond, now));
        TimeSpan? wait;
        lock (bucket) wait = bucket.TryTake(now, clock.TimestampFrequency, perSecond);
        if (wait is { } retryAfter)
            throw new ChatLimitException($"You are sending messages too fast (more than {perSecond} a second). Wait a moment.", retryAfter);
        if (_buckets.Count > 10_000) Prune(now);
    }

    // Full buckets carry no state worth keeping.
    private void Prune(long now)
    {
        var perSecond = PerSecond;
        foreach (var (userId, bucket) in _buckets)
            lock (bucket)
                if (bucket.IsFull(now, clock.TimestampFrequency, perSecond)) _buckets.TryRemove(userId, out _);
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        private double _tokens = tokens;
        private long _updatedAt = updatedAt;

        public TimeSpan? TryTake(long now, long frequency, int perSecond)
        {
            Refill(now, frequency, perSecond);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return null;
            }
            return TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        }

        public bool IsFull(long now, long frequency, int perSecond)
        {
            Refill(now, frequency, perSecond);
            return _tokens >= perSecond;
        }

        private void Refill(long now, long frequency, int perSecond)
        {
            var seconds = (double)(now - _updatedAt) / frequency;
            _tokens = Math.Min(perSecond, _tokens + seconds * perSecond);
            _updatedAt = now;
        }
    }
}
