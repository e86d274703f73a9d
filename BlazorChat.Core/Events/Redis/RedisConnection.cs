using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BlazorChat.Core.Events.Redis;

/// <summary>
/// This node's one connection to Redis, shared by <see cref="RedisEventBus"/> and the SignalR
/// backplane (its <c>ConnectionFactory</c>), so both see the same outage and the same recovery.
/// </summary>
/// <remarks>
/// The multiplexer is made at once even while Redis is away (<c>AbortOnConnectFail=false</c>) and
/// reconnects by itself every 0.5 s. Commands fail at once while it is disconnected
/// (<see cref="BacklogPolicy.FailFast"/>): nothing waits in a backlog to go out late, after this
/// node already served its own people and told the others to resync.
/// </remarks>
public sealed class RedisConnection : IAsyncDisposable
{
    /// <summary>The longest one Redis call may take before it counts as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;
    private readonly TaskCompletionSource _firstConnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RedisConnection(IOptions<RedisOptions> options, NodeIdentity node, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var config = ConfigurationOptions.Parse(options.Value.Connection!);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        config.SyncTimeout = (int)Timeout.TotalMilliseconds;
        config.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        config.KeepAlive = 5;
        config.ReconnectRetryPolicy = new LinearRetry(500);
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ClientName = "blazorchat-" + node.Id;
        _multiplexer = new(() => ConnectAsync(config));
    }

    /// <summary>The multiplexer, made on first use; it may not be connected yet.</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>The multiplexer once Redis answered for the first time (it stays the same one through later outages).</summary>
    public async Task<ConnectionMultiplexer> GetConnectedAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await GetAsync().ConfigureAwait(false);
        // Looked at twice a second as well, in case the first connection is not reported as restored.
        while (!multiplexer.IsConnected && !_firstConnected.Task.IsCompleted)
            await Task.WhenAny(_firstConnected.Task, Task.Delay(500, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        _firstConnected.TrySetResult();
        return multiplexer;
    }

    /// <summary>True while commands can reach Redis.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && _multiplexer.Value.Result.IsConnected;

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions config)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) =>
            _logger.LogWarning("Lost the {Connection} connection to Redis: {Failure}", e.ConnectionType, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            _logger.LogInformation("The {Connection} connection to Redis is back", e.ConnectionType);
            if (multiplexer.IsConnected) _firstConnected.TrySetResult();
        };
        if (multiplexer.IsConnected) _firstConnected.TrySetResult();
        else _logger.LogWarning("Redis is not reachable yet; this node serves its own people and keeps trying");
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_multiplexer.IsValueCreated) return;
        try
        {
            var multiplexer = await _multiplexer.Value.ConfigureAwait(false);
            await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException) { }
    }
}
