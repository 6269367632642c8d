namespace SatDaemon.Configuration;

/// <summary>[WEB]: the console the daemon hosts in-process (with /metrics and /healthz); off when listen is empty.</summary>
public sealed class WebOptions
{
    /// <summary>Where the daemon serves the console; null = no console in the daemon (satdaemon web still works).</summary>
    public ListenAddress? Listen { get; init; }

    /// <summary>True: the console never changes anything. The console has no actions yet, so today it is always read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Users, roles and password hashes for the console's future actions; null = none configured.</summary>
    public string? UsersFile { get; init; }
}
