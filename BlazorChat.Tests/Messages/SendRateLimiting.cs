using BlazorChat.Core.Common;
using BlazorChat.Core.Messages;
using BlazorChat.Core.Events;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorChat.Tests.Messages;

/// <summary>Ten messages a second per person; the eleventh is refused with when to retry.</summary>
public sealed class SendRateLimiting(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    [Fact]
    public async Task A_refused_send_stores_nothing_and_a_retry_of_a_stored_message_is_not_counted()
    {
        var host = fixture.Host;
        var (room, owner) = await host.CreateChannelAsync("Fast talkers");
        var services = host.Services;
        var messages = new MessageService(host.DbFactory, services.GetRequiredService<IEventBus>(), services.GetRequiredService<MarkdownRenderer>(),
            new SendRateLimiter(new ManualClock(), Options.Create(new RateLimitOptions())), TimeProvider.System);

        var first = Guid.NewGuid();
        await messages.SendAsync(owner.Id, room.Id, first, "message 1");
        for (var i = 2; i <= SendRateLimiter.DefaultMessagesPerSecond; i++)
            await messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), $"message {i}");
        (await messages.SendAsync(owner.Id, room.Id, first, "message 1")).Seq.ShouldBe(1, "a retry returns the stored message");

        var refused = await Should.ThrowAsync<ChatLimitException>(() => messages.SendAsync(owner.Id, room.Id, Guid.NewGuid(), "one too many"));

        refused.RetryAfter.ShouldNotBeNull();
        (await messages.GetLatestAsync(owner.Id, room.Id)).Count.ShouldBe(SendRateLimiter.DefaultMessagesPerSecond);
    }

    [Fact]
    public void A_burst_of_ten_passes_and_the_eleventh_is_refused_with_a_retry_time()
    {
        var clock = new ManualClock();
        var limiter = new SendRateLimiter(clock, Microsoft.Extensions.Options.Options.Create(new RateLimitOptions()));
        var alice = Guid.NewGuid();

        for (var i = 0; i < SendRateLimiter.DefaultMessagesPerSecond; i++) limiter.Take(alice);
        var refused = Should.Throw<ChatLimitException>(() => limiter.Take(alice));

        refused.Message.ShouldContain("too fast");
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(0.1));
    }

    [Fact]
    public void The_allowance_refills_over_time()
    {
        var clock = new ManualClock();
        var limiter = new SendRateLimiter(clock, Microsoft.Extensions.Options.Options.Create(new RateLimitOptions()));
        var alice = Guid.NewGuid();
        for (var i = 0; i < SendRateLimiter.DefaultMessagesPerSecond; i++) limiter.Take(alice);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        limiter.Take(alice);
        Should.Throw<ChatLimitException>(() => limiter.Take(alice));

        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < SendRateLimiter.DefaultMessagesPerSecond; i++) limiter.Take(alice);
    }

    [Fact]
    public void One_persons_pace_does_not_limit_another()
    {
        var clock = new ManualClock();
        var limiter = new SendRateLimiter(clock, Microsoft.Extensions.Options.Options.Create(new RateLimitOptions()));
        var alice = Guid.NewGuid();
        for (var i = 0; i < SendRateLimiter.DefaultMessagesPerSecond; i++) limiter.Take(alice);

        Should.NotThrow(() => limiter.Take(Guid.NewGuid()));
    }
}
