using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>Ten messages a second per person; the eleventh is refused with when to retry.</summary>
public sealed class SendRateLimiting
{
    [Fact]
    public void A_burst_of_ten_passes_and_the_eleventh_is_refused_with_a_retry_time()
    {
        var clock = new ManualClock();
        var limiter = new SendRateLimiter(clock);
        var alice = Guid.NewGuid();

        for (var i = 0; i < SendRateLimiter.MessagesPerSecond; i++) limiter.Take(alice);
        var refused = Should.Throw<ChatLimitException>(() => limiter.Take(alice));

        refused.Message.ShouldContain("too fast");
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(0.1));
    }

    [Fact]
    public void The_allowance_refills_over_time()
    {
        var clock = new ManualClock();
        var limiter = new SendRateLimiter(clock);
        var alice = Guid.NewGuid();
        for (var i = 0; i < SendRateLimiter.MessagesPerSecond; i++) limiter.Take(alice);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        limiter.Take(alice);
        Should.Throw<ChatLimitException>(() => limiter.Take(alice));

        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < SendRateLimiter.MessagesPerSecond; i++) limiter.Take(alice);
    }

    [Fact]
    public void One_persons_pace_does_not_limit_another()
    {
        var clock = new ManualClock();
        var limiter = new SendRateLimiter(clock);
        var alice = Guid.NewGuid();
        for (var i = 0; i < SendRateLimiter.MessagesPerSecond; i++) limiter.Take(alice);

        Should.NotThrow(() => limiter.Take(Guid.NewGuid()));
    }
}
