using System.Net;
using System.Net.Sockets;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>Finds an unused loopback port by letting the OS pick one for a throwaway listener.</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
