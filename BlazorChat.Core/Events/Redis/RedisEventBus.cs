using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using StackExchange.Redis;

namespace BlazorChat.Core.Events.Redis;

/// <summary>
/// The event bus of a node among several: every event is delivered to this node's subscribers at
/// once, then sent to the other nodes through Redis pub/sub, in publish order, by one sender loop
/// that never holds up the publisher. Events from other nodes are delivered here; this node's own
/// come back from Redis too and are skipped, so nothing is delivered twice.
/// </summary>
/// <remarks>
/// Redis only carries news: the database has every message. While Redis is down a circuit breaker
/// fails sends at once and this node keeps serving its own people. Whatever could not be sent, or
/// could not be heard, is made good by a resync: a node that dropped news tells the others once it
/// can send again, a node whose subscription came back tells itself, and each node then raises
/// <see cref="ResyncRequested"/>, on which every open view fetches what it lacks by <c>Seq</c>.
/// The connection is <see cref="RedisConnection"/>, shared with the SignalR backplane.
/// </remarks>
internal sealed class RedisEventBus : IEventBus, IEventBusStatus, IHostedService, IAsyncDisposable
{
    private const string ResyncType = "resync";
    private const string ProbePrefix = "probe:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan ResyncDelay = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan SendTimeout = RedisConnection.Timeout;

    private readonly InMemoryEventBus _local;
    private readonly RedisConnection _connection;
    private readonly RedisChannel _channel;
    private readonly string _nodeId;
    private readonly RedisOptions _options;
    private readonly ILogger<RedisEventBus> _logger;
    private readonly Channel<string> _outbox;
    private readonly ResiliencePipeline _connect;
    private readonly ResiliencePipeline _send;
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private Task _running = Task.CompletedTask;
    private int _missedSending;
    private int _missedLocally;
    private int _resyncScheduled;
    private int _disposed;
    private TaskCompletionSource? _probe;
    private string _probeType = "";
    private volatile bool _breakerOpen;

    public RedisEventBus(InMemoryEventBus local, RedisConnection connection, NodeIdentity node, IOptions<RedisOptions> options, ILogger<RedisEventBus> logger)
    {
        _local = local;
        _connection = connection;
        _channel = RedisChannel.Literal(options.Value.Channel);
        _nodeId = node.Id;
        _options = options.Value;
        _logger = logger;
        // A full outbox (Redis slow for long) drops news; the others then resync from the database.
        _outbox = Channel.CreateBounded<string>(
            new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Volatile.Write(ref _missedSending, 1));
        _connect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                OnRetry = args =>
                {
                    logger.LogWarning("Redis is not reachable ({Error}); trying again in {Delay}", args.Outcome.Exception?.Message, args.RetryDelay);
                    return default;
                },
            })
            .Build();
        _send = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(5),
                BreakDuration = TimeSpan.FromSeconds(2),
                OnOpened = _ =>
                {
                    // Opened again after a failed trial: already said.
                    if (!_breakerOpen) logger.LogWarning("Redis sends keep failing; news stays on this node until Redis answers again");
                    _breakerOpen = true;
                    return default;
                },
                OnClosed = _ =>
                {
                    _breakerOpen = false;
                    logger.LogInformation("Redis sends work again");
                    return default;
                },
            })
            .AddTimeout(SendTimeout)
            .Build();
    }

    /// <inheritdoc cref="IEventBusStatus.Redis"/>
    public string Redis => _redis is null ? "connecting" : !_redis.IsConnected ? "unreachable" : _breakerOpen ? "recovering" : "connected";

    /// <summary>True while news goes out to and comes in from the other nodes.</summary>
    public bool IsHealthy => _redis is { IsConnected: true } && !_breakerOpen;

    /// <inheritdoc cref="IEventBusStatus.IsShared"/>
    public bool IsShared => true;

    /// <inheritdoc cref="IEventBusStatus.IsLinked"/>
    public bool IsLinked => _connection.IsConnected;

    /// <inheritdoc cref="IEventBusStatus.ReportUndelivered"/>
    public void ReportUndelivered()
    {
        Volatile.Write(ref _missedLocally, 1);
        Volatile.Write(ref _missedSending, 1);
    }

    public ValueTask PublishAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default)
    {
        _local.Deliver(chatEvent);
        if (!EventTypes.TryGetName(chatEvent.GetType(), out var type)) return ValueTask.CompletedTask;
        try
        {
            _outbox.Writer.TryWrite(Envelope(type, JsonSerializer.SerializeToElement(chatEvent, chatEvent.GetType(), Json)));
        }
        catch (NotSupportedException ex)
        {
            // The change is committed; the other nodes learn of it by resync rather than fail the sender.
            _logger.LogError(ex, "Could not write a {Type} for the other nodes", type);
            Volatile.Write(ref _missedSending, 1);
        }
        return ValueTask.CompletedTask;
    }

    public IDisposable Subscribe(string topic, Func<ChatEvent, Task> handler) => _local.Subscribe(topic, handler);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(Task.Run(() => ConnectAsync(_stopping.Token)), Task.Run(() => SendLoopAsync(_stopping.Token)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _outbox.Writer.TryComplete();
        // Let what is queued go out (the sender stops at an empty outbox), unless the host is out of time.
        await Task.WhenAny(_running, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        await _stopping.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        try { await _running.ConfigureAwait(false); } catch (OperationCanceledException) { }
        // The connection is RedisConnection's (shared with the hub backplane): it closes it.
        // _stopping is not disposed: the host may still be in StopAsync (a second stop of the same
        // host runs alongside its disposal), and a token source without a timer holds nothing.
    }

    private string Envelope(string type, JsonElement? payload) =>
        JsonSerializer.Serialize(new BusEnvelope(_nodeId, type, payload), Json);

    /// <summary>Subscribes once Redis first answers (retrying with jittered backoff if that fails); the multiplexer reconnects and re-subscribes by itself after that.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        try
        {
            // Subscribed once Redis answers: a subscription made while disconnected could not be read.
            var redis = await _connection.GetConnectedAsync(ct).ConfigureAwait(false);
            redis.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription) _ = ResyncWhenHearingAsync("the link to the other nodes came back");
            };
            // A queue, not a callback: its messages are handled one at a time, in the order Redis sent them.
            var messages = await _connect.ExecuteAsync(async _ => await redis.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false), ct);
            messages.OnMessage(message => Receive(message.Message));
            _redis = redis;
            _logger.LogInformation("Connected to Redis as node {NodeId}", _nodeId);
            await ResyncWhenHearingAsync("connected to the other nodes");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Sends the outbox in order; after anything was dropped, tells the other nodes to resync once a send works again.</summary>
    private async Task SendLoopAsync(CancellationToken ct)
    {
        var reader = _outbox.Reader;
        while (!ct.IsCancellationRequested)
        {
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                tick.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    if (!await reader.WaitToReadAsync(tick.Token).ConfigureAwait(false)) return; // completed and empty: stopping
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
            while (reader.TryRead(out var message))
                if (!await TrySendAsync(message, ct).ConfigureAwait(false)) Volatile.Write(ref _missedSending, 1);
            if (_redis is not { IsConnected: true } || Interlocked.Exchange(ref _missedSending, 0) == 0) continue;
            if (!await TrySendAsync(Envelope(ResyncType, null), ct).ConfigureAwait(false)) Volatile.Write(ref _missedSending, 1);
            // A hub group send of this node failed: its own hub connections missed it as well.
            else if (Interlocked.Exchange(ref _missedLocally, 0) == 1) RequestLocalResync("a hub send could not go through Redis");
        }
    }

    private async Task<bool> TrySendAsync(string message, CancellationToken ct)
    {
        try
        {
            await _send.ExecuteAsync(async token =>
            {
                var redis = _redis ?? throw new InvalidOperationException("Not connected to Redis yet");
                // This client's calls take no token: without WaitAsync the timeout could not end a publish
                // that a reconnect left unanswered, and the send loop would stall behind it.
                await redis.GetSubscriber().PublishAsync(_channel, message).WaitAsync(token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (ex is not BrokenCircuitException) _logger.LogDebug(ex, "Could not send an event to the other nodes");
            return false;
        }
    }

    /// <summary>News from Redis: another node's event (by the allow-list) or its call to resync.</summary>
    private void Receive(RedisValue value)
    {
        BusEnvelope? envelope;
        try { envelope = JsonSerializer.Deserialize<BusEnvelope>((string)value!, Json); }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Dropped a message on {Channel} that is not an event", _options.Channel);
            return;
        }
        if (envelope is null) return;
        if (envelope.Node == _nodeId)
        {
            if (envelope.Type == Volatile.Read(ref _probeType)) Volatile.Read(ref _probe)?.TrySetResult();
            return;
        }
        if (envelope.Type.StartsWith(ProbePrefix, StringComparison.Ordinal)) return; // another node checking its own link
        if (envelope.Type == ResyncType)
        {
            RequestLocalResync($"node {envelope.Node} could not send for a while");
            return;
        }
        if (!EventTypes.TryGetType(envelope.Type, out var type) || envelope.Event is not { } payload)
        {
            _logger.LogWarning("Dropped an event of unknown type {Type} from node {NodeId}", envelope.Type, envelope.Node);
            return;
        }
        ChatEvent? chatEvent;
        try { chatEvent = (ChatEvent?)payload.Deserialize(type, Json); }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Dropped a {Type} from node {NodeId} that does not read", envelope.Type, envelope.Node);
            return;
        }
        if (chatEvent is not null) _local.Deliver(chatEvent.AsFromOtherNode());
    }

    /// <summary>
    /// Raises the resync once this node hears its own probe through the channel: a restored
    /// connection re-subscribes a moment later, and news sent in between would otherwise fall
    /// after the views' fetch and before the subscription. Gives up waiting after 30 s.
    /// </summary>
    private async Task ResyncWhenHearingAsync(string reason)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_stopping.IsCancellationRequested)
        {
            var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var type = ProbePrefix + Guid.NewGuid().ToString("N");
            Volatile.Write(ref _probe, heard);
            Volatile.Write(ref _probeType, type);
            try
            {
                if (_redis is { } redis) await redis.GetSubscriber().PublishAsync(_channel, Envelope(type, null)).WaitAsync(SendTimeout, _stopping.Token).ConfigureAwait(false);
                await heard.Task.WaitAsync(TimeSpan.FromMilliseconds(500), _stopping.Token).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) { return; }
            catch (Exception ex)
            {
                // Not heard in time or not sendable yet (the other connection may still be coming back): probe again.
                if (ex is not TimeoutException) await Task.Delay(250, _stopping.Token).ConfigureAwait(false);
            }
        }
        RequestLocalResync(reason);
    }

    /// <summary>Raises <see cref="ResyncRequested"/> here shortly; calls in the meantime make one.</summary>
    private void RequestLocalResync(string reason)
    {
        if (Interlocked.Exchange(ref _resyncScheduled, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(ResyncDelay).ConfigureAwait(false);
            Volatile.Write(ref _resyncScheduled, 0);
            _logger.LogInformation("Views resync: {Reason}", reason);
            _local.Deliver(new ResyncRequested(reason));
        });
    }

    private sealed record BusEnvelope(string Node, string Type, JsonElement? Event);
}
