using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.E2E.MultiNode;

/// <summary>
/// A hub client following one room as the hub's contract asks of a client: it keeps what arrives
/// live, and on <c>resync</c> or after reconnecting it fetches what it lacks after the highest
/// contiguous <c>Seq</c> it holds, through the REST API of the node it is connected to.
/// </summary>
public sealed class HubReader : IAsyncDisposable
{
    private readonly string _token;
    private readonly Guid _roomId;
    private readonly List<HubClient> _connections = [];
    private readonly SortedDictionary<long, string> _fetched = [];
    private HttpClient _rest = default!;
    private long _from;

    private HubReader(string name, string token, Guid roomId) => (Name, _token, _roomId) = (name, token, roomId);

    public string Name { get; }

    /// <summary>The connection in use.</summary>
    public HubClient Hub => _connections[^1];

    public static async Task<HubReader> FollowAsync(string name, string nodeUrl, string token, Guid roomId)
    {
        var reader = new HubReader(name, token, roomId);
        await reader.ConnectAsync(nodeUrl);
        return reader;
    }

    /// <summary>Connects to <paramref name="nodeUrl"/> (after its node died, say), follows the room again and fetches what it lacks.</summary>
    public async Task ConnectAsync(string nodeUrl)
    {
        _rest?.Dispose();
        _rest = new HttpClient { BaseAddress = new Uri(nodeUrl) };
        _rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        _connections.Add(await HubClient.ConnectAsync(nodeUrl, _token));
        var view = await Hub.InvokeAsync("SubscribeRoom", _roomId);
        if (_connections.Count == 1) _from = view.GetProperty("lastSeq").GetInt64();
        else await CatchUpAsync();
    }

    /// <summary>Messages of the room each connection received live, by connection, in arrival order.</summary>
    public IEnumerable<IReadOnlyList<(long Seq, string Body)>> LivePerConnection =>
        _connections.Select(connection => (IReadOnlyList<(long, string)>)[.. connection.Events
            .Where(e => e.Name == "messagePosted" && e.Data.GetProperty("roomId").GetGuid() == _roomId)
            .Select(e => (e.Data.GetProperty("seq").GetInt64(), e.Data.GetProperty("body").GetString()!))]);

    /// <summary>Messages received live twice on one connection.</summary>
    public int LiveDuplicates => LivePerConnection.Sum(live => live.Count - live.Select(m => m.Seq).Distinct().Count());

    /// <summary>How many messages came from fetching rather than live.</summary>
    public int FetchedCount => _fetched.Keys.Except(LivePerConnection.SelectMany(live => live.Select(m => m.Seq))).Count();

    /// <summary>Every message held (live or fetched), in <c>Seq</c> order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            var all = new SortedDictionary<long, string>(_fetched);
            foreach (var (seq, body) in LivePerConnection.SelectMany(live => live)) all[seq] = body;
            return [.. all.Values];
        }
    }

    /// <summary>Waits for the <c>resync</c> the node sends once news from the other nodes may have been missed, then catches up.</summary>
    public async Task ResyncAsync(TimeSpan timeout)
    {
        await Hub.WaitForEventAsync("resync", _ => true, timeout);
        await CatchUpAsync();
    }

    private async Task CatchUpAsync()
    {
        var held = new HashSet<long>(_fetched.Keys.Concat(LivePerConnection.SelectMany(live => live.Select(m => m.Seq))));
        var after = _from;
        while (held.Contains(after + 1)) after++;
        var page = await _rest.GetFromJsonAsync<JsonElement>($"/api/v1/rooms/{_roomId}/messages?after={after}&limit=100");
        foreach (var message in page.GetProperty("messages").EnumerateArray())
            _fetched[message.GetProperty("seq").GetInt64()] = message.GetProperty("body").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        _rest?.Dispose();
    }
}
