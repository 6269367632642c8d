using System.Globalization;

namespace SatDaemon.Configuration;

/// <summary>A HOST:PORT to listen on ("127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8080"); port 0 lets the OS pick.</summary>
public sealed record ListenAddress(string Host, int Port)
{
    /// <summary>The console's default: loopback only, so remote access is always a decision someone wrote down.</summary>
    public static readonly ListenAddress Default = new("127.0.0.1", 8080);

    public static bool TryParse(string text, out ListenAddress address)
    {
        address = Default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        var host = text[..colon].Trim();
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Length == 0 || host.Contains(':') && !System.Net.IPAddress.TryParse(host, out _)) return false;
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535) return false;
        address = new ListenAddress(host, port);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
