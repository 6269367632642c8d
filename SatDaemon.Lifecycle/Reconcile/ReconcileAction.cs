namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>What the reconcile does with one running job. The Read… and Recheck… actions ask for a reading first.</summary>
public enum ReconcileAction
{
    /// <summary>Alive (or stopping within its grace): nothing to do this pass; its budget stays held.</summary>
    Keep,
    /// <summary>Ran longer than its type's timeout: keep the reason on the row, then SIGTERM to its session.</summary>
    StopForTimeout,
    /// <summary>ctl cancel asked: keep "cancelled by …" on the row, then SIGTERM to its session.</summary>
    StopForCancel,
    /// <summary>job exec is gone while its command's processes run: keep the reason on the row, SIGTERM to them.</summary>
    StopOrphans,
    /// <summary>kill_grace passed since SIGTERM: SIGKILL to the session, and the time kept on the row.</summary>
    EscalateToKill,
    /// <summary>Processes survived SIGKILL by another kill_grace: report once (log and Teams); the budget stays held.</summary>
    ReportUnkillable,
    /// <summary>Slurm: power-down and the job still waits in Slurm's queue, never started: queue it again, then scancel.</summary>
    CancelPendingInSlurm,
    /// <summary>Slurm: a stop is on the row and no scancel was sent: scancel, and the time kept on the row.</summary>
    StopInSlurm,
    /// <summary>Slurm: ctl cancel asked: keep "cancelled by …" on the row, then scancel as <see cref="StopInSlurm"/>.</summary>
    CancelInSlurm,
    /// <summary>Nothing of the job runs: read its row again before anything is recorded.</summary>
    RecheckRow,
    /// <summary>Read the outcome spool file.</summary>
    ReadSpool,
    /// <summary>Read whether the log exists.</summary>
    ReadLog,
    /// <summary>Read the log's last lines.</summary>
    ReadLogTail,
    /// <summary>The end was recorded meanwhile (by the JobLogger): nothing to do, the job ended.</summary>
    AlreadyEnded,
    /// <summary>The spool holds the job's outcome: record it as job exec would have.</summary>
    SettleFromSpool,
    /// <summary>An unreported claim younger than the launch grace: its launch may be on its way; decide next pass.</summary>
    WaitInDoubt,
    /// <summary>An unreported claim past the grace: it never ran, queue it again (guarded against a late start).</summary>
    QueueAgain,
    /// <summary>The target's launches never started too often in a row: record a failure for the operator.</summary>
    RecordNeverStarted,
    /// <summary>It did start, and nothing of it runs without a recorded end: record it failed (lost, or stopped).</summary>
    RecordLost,
}
