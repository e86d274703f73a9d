using System.Net;
using System.Net.Sockets;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>Free TCP ports on loopback, for servers a test starts.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
