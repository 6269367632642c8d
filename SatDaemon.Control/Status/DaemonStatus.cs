namespace SatDaemon.Control;

/// <summary>What the daemon is doing now, as ctl status shows it: one read of daemon_tools and the job tables.</summary>
/// <param name="LooksAlive">The heartbeat is younger than three poll intervals.</param>
/// <param name="Now">The time the status was taken (UTC), against which ages are shown.</param>
public sealed record DaemonStatus(
    DateTime Now,
    DateTime? Heartbeat,
    string? DaemonHost,
    int? DaemonPid,
    bool LooksAlive,
    bool PowerDown,
    bool RecreateJoblist,
    IReadOnlyList<RunningJobStatus> Running,
    IReadOnlyList<PendingCount> Pending,
    IReadOnlyList<MachineUsage> Machines,
    IReadOnlyList<FailedJobStatus> RecentFailures)
{
    /// <summary>Frames on ctl hold and machines on ctl drain; empty lists when there are none.</summary>
    public OperatorHolds Holds { get; init; } = new([], []);

    /// <summary>When the daemon last rebuilt its job list (UTC, as of the start of the rebuild); null before its first.</summary>
    public DateTime? LastJoblistAt { get; init; }

    /// <summary>What an operator asks first: "running", "powering down", "stale" (heartbeat too old) or "never seen".</summary>
    public string State =>
        Heartbeat is null ? "never seen"
        : !LooksAlive ? "stale"
        : PowerDown ? "powering down"
        : "running";
}
