namespace SatDaemon.Configuration;

/// <summary>[WEB]: the console the daemon hosts in-process (with /metrics and /healthz); off when listen is empty.</summary>
public sealed class WebOptions
{
    /// <summary>Where the daemon serves the console; null = no console in the daemon (satdaemon web still works).</summary>
    public ListenAddress? Listen { get; init; }

    /// <summary>True: the console hides every control and refuses every change, whoever is signed in. Default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Users, roles and password hashes (see SatDaemon.WebUsers.UsersFile); null = none configured: then nobody can sign
    /// in, the console shows no controls and refuses every change, and anyone who reaches it may view.
    /// </summary>
    public string? UsersFile { get; init; }

    /// <summary>
    /// With a users file: true lets requests from loopback (this host, or an SSH tunnel to it) view without signing in;
    /// changes still need an operator's sign-in. Default false: every page asks for a sign-in.
    /// </summary>
    public bool AnonymousView { get; init; }

    /// <summary>After this many wrong passwords in a row a user is locked out for <see cref="Lockout"/>. Default 5.</summary>
    public int MaxFailedSignIns { get; init; } = 5;

    /// <summary>How long a locked-out user's sign-ins are refused, the right password too. Default 15 minutes.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromMinutes(15);
}
