using SatDaemon.Configuration;

namespace SatDaemon.Demo;

/// <summary>
/// The real daemon, built on the demo's config, as the demo drives it. The daemon's executable provides it
/// (SatDaemon/Hosting/DemoDaemon.cs) so that this project needs no daemon type and the daemon can reference it.
/// </summary>
public interface IDemoDaemon : IDisposable
{
    /// <summary>Runs the daemon until it powers down or <paramref name="ct"/> is cancelled.</summary>
    Task RunAsync(CancellationToken ct);

    /// <summary>Where the web console serves, once started; null before, or when it could not start.</summary>
    string? ConsoleUrl { get; }

    /// <summary>The daemon's exit code, once <see cref="RunAsync"/> has ended.</summary>
    int ExitCode { get; }
}

/// <summary>Builds the daemon for <paramref name="config"/>, its web console on <paramref name="webListen"/>.</summary>
public delegate IDemoDaemon DemoDaemonFactory(SatDaemonConfig config, ListenAddress webListen);
