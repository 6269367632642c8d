namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// A running_jobs row as the reconcile decider sees it, times in UTC. <see cref="Reported"/>: job exec made its first
/// report (last_report_at set), which it does before it runs the command, so an unreported claim never ran anything.
/// <see cref="Timeout"/> is the job type's, null when it has none. <see cref="CommandStartedAt"/>: when job exec made that
/// first report (its `running` event), after which it starts the command; a job's time limit counts from there, never
/// from the claim, as job exec may take a while to start on a loaded machine. Null when not known (no report yet, or
/// the event is gone): a reported job then counts from <see cref="ClaimedAt"/>, never later than before.
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
    TimeSpan? Timeout,
    DateTime? CommandStartedAt = null);
