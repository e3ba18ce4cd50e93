using System.Net;
using System.Net.Sockets;

namespace LogIngest.TestSupport.Servers;

/// <summary>Hands out loopback TCP ports nobody listens on right now.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for a free loopback port and releases it for the caller's server to take.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
