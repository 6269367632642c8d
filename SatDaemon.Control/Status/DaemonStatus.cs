namespace SatDaemon.Control;

/// <summary>What the daemon is doing now, as ctl status shows it: one read of daemon_tools and the job tables.</summary>
/// <param name="LooksAlive">Not stopped, and the heartbeat is younger than two poll intervals.</param>
/// <param name="Stopped">The daemon said it stopped (a clean exit); <see cref="Heartbeat"/> is then its stop time.</param>
/// <param name="Now">The time the status was taken (UTC), against which ages are shown.</param>
public sealed record DaemonStatus(
    DateTime Now,
    DateTime? Heartbeat,
    string? DaemonHost,
    int? DaemonPid,
    bool LooksAlive,
    bool Stopped,
    bool PowerDown,
    bool RecreateJoblist,
    IReadOnlyList<RunningJobStatus> Running,
    IReadOnlyList<PendingCount> Pending,
    IReadOnlyList<MachineUsage> Machines,
    IReadOnlyList<FailedJobStatus> RecentFailures)
{
    /// <summary>Frames on ctl hold and machines on ctl drain; empty lists when there are none.</summary>
    public OperatorHolds Holds { get; init; } = new([], []);

    /// <summary>When the active daemon took the daemon lock (UTC); null before any did.</summary>
    public DateTime? DaemonSince { get; init; }

    /// <summary>Standby daemons waiting on the daemon lock now, longest waiting first (PostgreSQL; empty on SQLite).</summary>
    public IReadOnlyList<SatDaemon.Database.Daemon.StandbyDaemon> Standbys { get; init; } = [];

    /// <summary>When the daemon last rebuilt its job list (UTC, as of the start of the rebuild); null before its first.</summary>
    public DateTime? LastJoblistAt { get; init; }

    /// <summary>What an operator asks first: "running", "powering down", "stopped" (a clean exit), "stale" (heartbeat too old) or "never seen".</summary>
    public string State =>
        Heartbeat is null ? "never seen"
        : Stopped ? "stopped"
        : !LooksAlive ? "stale"
        : PowerDown ? "powering down"
        : "running";
}
