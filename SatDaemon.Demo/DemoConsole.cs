using System.Net;
using System.Net.Sockets;
using SatDaemon.Configuration;

namespace SatDaemon.Demo;

/// <summary>The web console the demo serves while it runs, so its first command shows the console too.</summary>
internal static class DemoConsole
{
    /// <summary>127.0.0.1:8080 unless asked otherwise; a busy 8080 (another demo, another service) takes any free port instead.</summary>
    public static ListenAddress Address(ListenAddress? asked)
    {
        if (asked is not null) return asked;
        var preferred = ListenAddress.Default;
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, preferred.Port);
            probe.Start();
            probe.Stop();
            return preferred;
        }
        catch (SocketException)
        {
            return preferred with { Port = 0 };
        }
    }

    /// <summary>Waits (briefly) for the console to start and says where it is.</summary>
    public static async Task<string> AnnounceAsync(IDemoDaemon daemon, CancellationToken ct)
    {
        for (var i = 0; i < 50 && daemon.ConsoleUrl is null; i++) await Task.Delay(100, ct);
        return daemon.ConsoleUrl is { } url
            ? $"web console at {url} (open it in a browser while the demo runs)"
            : "web console could not start (see the log above); the demo goes on without it";
    }
}
