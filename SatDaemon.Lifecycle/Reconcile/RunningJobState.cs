namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// A running_jobs row as the reconcile decider sees it, times in UTC. <see cref="Reported"/>: job exec made its first
/// report (last_report_at set), which it does before it runs the command, so an unreported claim never ran anything.
/// <see cref="Timeout"/> is the job type's, null when it has none.
/// </summary>
public sealed record RunningJobState(
    long Id,
    string Machine,
    int? Pid,
    string? LogPath,
    DateTime ClaimedAt,
    bool Reported,
    DateTime? StopRequestedAt,
    string? StopReason,
    DateTime? KillSentAt,
    bool CancelRequested,
    string? CancelRequestedBy,
    long? SlurmJobId,
    TimeSpan? Timeout);
