using BlazorChat.Core.ApiAccess;
using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Sessions;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Sessions;

/// <summary>Browser sign-ins: listed for their owner, ended one at a time or all but the current one, and the ended ones stay ended.</summary>
public abstract class BrowserSessions(ChatHostFixture fixture)
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private ChatTestHost Host => fixture.Host;
    private BrowserSessionService Sessions => Host.Services.GetRequiredService<BrowserSessionService>();

    [Fact]
    public async Task The_list_shows_each_sign_in_with_its_device_and_the_current_one_first()
    {
        var alice = await Host.CreateUserAsync("alice");
        var laptop = await Sessions.StartAsync(alice.Id, Chrome, "192.0.2.10");
        var desktop = await Sessions.StartAsync(alice.Id, Firefox, "192.0.2.20");

        var list = await Sessions.ListAsync(alice.Id, currentSessionId: laptop);

        list.Select(s => s.Id).ShouldBe([laptop, desktop]);
        list[0].IsCurrent.ShouldBeTrue();
        list[0].Device.ShouldBe("Chrome on Linux");
        list[1].Device.ShouldBe("Firefox on Windows");
        list[1].Address.ShouldBe("192.0.2.20");
    }

    [Fact]
    public async Task Signing_out_everywhere_else_ends_the_other_browsers_and_app_sign_ins_and_tells_their_tabs()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");
        var here = await Sessions.StartAsync(alice.Id, Chrome, null);
        var there = await Sessions.StartAsync(alice.Id, Firefox, null);
        var elsewhere = await Sessions.StartAsync(alice.Id, Firefox, null);
        var bobs = await Sessions.StartAsync(bob.Id, Firefox, null);
        var apiSessions = Host.Services.GetRequiredService<ApiSessionService>();
        var app = await apiSessions.StartAsync(alice.Id);
        var revoked = new TaskCompletionSource<BrowserSessionsRevoked>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Host.Services.GetRequiredService<IEventBus>().Subscribe(Topics.User(alice.Id), e =>
        {
            if (e is BrowserSessionsRevoked r) revoked.TrySetResult(r);
            return Task.CompletedTask;
        });

        (await Sessions.RevokeOthersAsync(alice.Id, here)).ShouldBe(3);

        (await Sessions.TouchAsync(here, alice.Id)).ShouldBeTrue();
        (await Sessions.TouchAsync(there, alice.Id)).ShouldBeFalse();
        (await Sessions.IsActiveAsync(elsewhere, alice.Id)).ShouldBeFalse();
        (await apiSessions.IsActiveAsync(app, alice.Id)).ShouldBeFalse();
        (await Sessions.IsActiveAsync(bobs, bob.Id)).ShouldBeTrue();
        (await revoked.Task.WaitAsync(TimeSpan.FromSeconds(10))).SessionIds.ShouldBe([there, elsewhere], ignoreOrder: true);
        (await Sessions.ListAsync(alice.Id, here)).Select(s => s.Id).ShouldBe([here]);
    }

    [Fact]
    public async Task An_ended_session_cannot_sign_out_the_others()
    {
        var alice = await Host.CreateUserAsync("alice");
        var old = await Sessions.StartAsync(alice.Id, Chrome, null);
        var current = await Sessions.StartAsync(alice.Id, Chrome, null);
        await Sessions.RevokeOthersAsync(alice.Id, current);

        await Should.ThrowAsync<ChatForbiddenException>(() => Sessions.RevokeOthersAsync(alice.Id, old));
        (await Sessions.IsActiveAsync(current, alice.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Nobody_can_end_someone_elses_session()
    {
        var alice = await Host.CreateUserAsync("alice");
        var mallory = await Host.CreateUserAsync("mallory");
        var alices = await Sessions.StartAsync(alice.Id, Chrome, null);

        await Should.ThrowAsync<ChatNotFoundException>(() => Sessions.RevokeAsync(mallory.Id, alices));
        (await Sessions.TouchAsync(alices, mallory.Id)).ShouldBeFalse();
        (await Sessions.IsActiveAsync(alices, alice.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_once()
    {
        var alice = await Host.CreateUserAsync("alice");
        var session = await Sessions.StartAsync(alice.Id, new string('x', 1000), null);

        await Sessions.EndAsync(alice.Id, session);
        await Sessions.EndAsync(alice.Id, session);

        (await Sessions.IsActiveAsync(session, alice.Id)).ShouldBeFalse();
    }
}

public sealed class BrowserSessions_on_Sqlite(SqliteChatHost fixture) : BrowserSessions(fixture), IClassFixture<SqliteChatHost>;

public sealed class BrowserSessions_on_Postgres(PostgresChatHost fixture) : BrowserSessions(fixture), IClassFixture<PostgresChatHost>;

/// <summary>The device names in the sessions list.</summary>
public sealed class DeviceNaming
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Headless Chrome on Linux")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "Unknown browser")]
    [InlineData(null, "Unknown browser")]
    public void A_user_agent_becomes_a_short_device_name(string? userAgent, string expected) => DeviceNames.Describe(userAgent).ShouldBe(expected);
}
