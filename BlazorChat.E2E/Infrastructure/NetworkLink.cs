using System.Net;
using System.Net.Sockets;

namespace BlazorChat.E2E.Infrastructure;

/// <summary>
/// A TCP relay between one browser and the server that a test can cut (open connections are
/// dropped and new ones refused, as when a laptop loses its network) and restore.
/// </summary>
public sealed class NetworkLink : IAsyncDisposable
{
    private readonly int _upstreamPort;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    public NetworkLink(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>Accepts connections again.</summary>
    public void Restore()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _cut.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
    {
        while (!cut.IsCancellationRequested)
        {
            TcpClient browserSide;
            try { browserSide = await listener.AcceptTcpClientAsync(cut); }
            catch (Exception) { return; }
            var serverSide = new TcpClient();
            try { await serverSide.ConnectAsync(IPAddress.Loopback, _upstreamPort, cut); }
            catch (Exception) { browserSide.Dispose(); serverSide.Dispose(); continue; }
            lock (_open) { _open.Add(browserSide); _open.Add(serverSide); }
            _ = PumpAsync(browserSide, serverSide, cut);
            _ = PumpAsync(serverSide, browserSide, cut);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cut)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), cut); }
        catch (Exception) { /* the link was cut or a side closed */ }
        finally { from.Dispose(); to.Dispose(); }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
