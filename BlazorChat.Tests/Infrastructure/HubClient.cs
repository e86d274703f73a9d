using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>One hub event as the JavaScript client received it, with the time it arrived.</summary>
public sealed record HubEvent(string Name, JsonElement Data, DateTimeOffset ReceivedAt);

/// <summary>
/// An external client of the hub <c>/hubs/chat</c>: the official <c>@microsoft/signalr</c> client
/// under Node (tools/node/hub-client.mjs, installed by ./test.sh), driven line by line. The
/// end-to-end tests and the multi-node tests of this project share it.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Process _node;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly List<HubEvent> _events = [];
    // Completed (and replaced) whenever an event arrives, so a waiter wakes on news instead of polling.
    private TaskCompletionSource _news = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly Task _reader;
    private int _nextId;

    private HubClient(Process node)
    {
        _node = node;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Set once the server closed the connection.</summary>
    public TaskCompletionSource<string?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Signs in through <c>POST /api/v1/auth/login</c> and returns the access token.</summary>
    public static async Task<string> LogInAsync(string baseUrl, string login, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { login, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"API login failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Starts the node client and connects it with <paramref name="token"/>.</summary>
    public static async Task<HubClient> ConnectAsync(string baseUrl, string token)
    {
        var script = Path.Combine(ToolsDirectory, "hub-client.mjs");
        if (!File.Exists(Path.Combine(ToolsDirectory, "node_modules", "@microsoft", "signalr", "package.json")))
            throw new FileNotFoundException("@microsoft/signalr is not installed in tools/node: run ./test.sh (npm ci in tools/node).");
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = ToolsDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var client = new HubClient(Process.Start(start) ?? throw new InvalidOperationException("node did not start."));
        client._node.ErrorDataReceived += (_, _) => { };
        client._node.BeginErrorReadLine();
        try
        {
            await client.SendAsync(new JsonObject { ["cmd"] = "connect", ["url"] = $"{baseUrl}/hubs/chat", ["token"] = token });
            var first = await client._connected.Task.WaitAsync(TimeSpan.FromSeconds(15));
            if (first.GetProperty("type").GetString() != "connected")
                throw new InvalidOperationException($"The hub client could not connect: {first}");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private readonly TaskCompletionSource<JsonElement> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Invokes a hub method and returns its result; a refusal throws with the server's message ("404: ...").</summary>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        TaskCompletionSource<JsonElement> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_pending)
        {
            id = ++_nextId;
            _pending[id] = done;
        }
        await SendAsync(new JsonObject { ["cmd"] = "invoke", ["id"] = id, ["method"] = method, ["args"] = JsonSerializer.SerializeToNode(args) });
        var outcome = await done.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return outcome.GetProperty("type").GetString() == "result"
            ? outcome.GetProperty("result")
            : throw new HubRefusedException(outcome.GetProperty("message").GetString() ?? "");
    }

    /// <summary>Waits until an event named <paramref name="name"/> matching <paramref name="match"/> has arrived (or was already there).</summary>
    public async Task<HubEvent> WaitForEventAsync(string name, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task news;
            lock (_events)
            {
                if (_events.FirstOrDefault(e => e.Name == name && match(e.Data)) is { } found) return found;
                news = _news.Task;
            }
            var left = deadline - DateTimeOffset.UtcNow;
            try
            {
                await news.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No {name} event within {timeout.TotalSeconds:0.#} s; received: {string.Join(", ", Events.Select(e => e.Name))}");
            }
        }
    }

    /// <summary>Every event received so far.</summary>
    public IReadOnlyList<HubEvent> Events { get { lock (_events) return [.. _events]; } }

    private async Task SendAsync(JsonObject command)
    {
        await _node.StandardInput.WriteLineAsync(command.ToJsonString());
        await _node.StandardInput.FlushAsync();
    }

    private async Task ReadAsync()
    {
        while (await _node.StandardOutput.ReadLineAsync() is { } line)
        {
            var message = JsonDocument.Parse(line).RootElement.Clone();
            switch (message.GetProperty("type").GetString())
            {
                case "connected":
                    _connected.TrySetResult(message);
                    break;
                case "event":
                    lock (_events)
                    {
                        _events.Add(new HubEvent(message.GetProperty("name").GetString()!, message.GetProperty("data").Clone(),
                            DateTimeOffset.FromUnixTimeMilliseconds(message.GetProperty("at").GetInt64())));
                        var news = _news;
                        _news = new(TaskCreationOptions.RunContinuationsAsynchronously);
                        news.TrySetResult();
                    }
                    break;
                case "closed":
                    Closed.TrySetResult(message.GetProperty("error").GetString());
                    break;
                case "result" or "error":
                    var id = message.GetProperty("id").GetInt32();
                    if (id == 0)
                    {
                        _connected.TrySetResult(message);
                        break;
                    }
                    TaskCompletionSource<JsonElement>? waiting;
                    lock (_pending) _pending.Remove(id, out waiting);
                    waiting?.TrySetResult(message);
                    break;
            }
        }
        Closed.TrySetResult("the node process ended");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync(new JsonObject { ["cmd"] = "stop" });
            await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException)
        {
            _node.Kill(entireProcessTree: true);
        }
        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _node.Dispose();
    }

    private static string ToolsDirectory => NodeTools.Directory;
}

/// <summary>The hub refused an invocation; the message starts with the HTTP status the API would give.</summary>
public sealed class HubRefusedException(string message) : Exception(message);
