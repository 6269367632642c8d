namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// The decider's answer for one job: the action, and the reason — for actions that write one to the database (a stop, a
/// revert, a failure) exactly the text recorded, for the others why. The flags are bookkeeping applied before the action:
/// the job was seen alive (<see cref="Alive"/>), is to be recorded as adopted (<see cref="Adopt"/>), provably started
/// (<see cref="Started"/>: forget its target's not-started count), or its pid / Slurm job id on the row is out of date.
/// </summary>
public sealed record ReconcileDecision(ReconcileAction Action, string Reason)
{
    public bool Alive { get; init; }
    public bool Adopt { get; init; }
    public bool Started { get; init; }
    public int? NewPid { get; init; }
    public long? NewSlurmJobId { get; init; }
    /// <summary>The session to signal (SIGTERM, SIGKILL), and how many processes it holds.</summary>
    public int? Session { get; init; }
    public int Processes { get; init; }
    /// <summary>For <see cref="ReconcileAction.QueueAgain"/> and <see cref="ReconcileAction.RecordNeverStarted"/>: this launch's count.</summary>
    public int NotStartedRuns { get; init; }
    /// <summary>For a claim that never started: why it is called so ("job exec never reported", "no process, no log").</summary>
    public string? Cause { get; init; }
    /// <summary>For <see cref="ReconcileAction.RecordLost"/>: the row carried a stop, so the end is the stop's.</summary>
    public bool WasStopping { get; init; }

    /// <summary>The job's end is now recorded (or being recorded) and its row gone: it counts as ended this pass.</summary>
    public bool Ends => Action is ReconcileAction.AlreadyEnded or ReconcileAction.SettleFromSpool or ReconcileAction.QueueAgain
        or ReconcileAction.RecordNeverStarted or ReconcileAction.RecordLost;

    /// <summary>The decider needs one more reading before it can decide.</summary>
    public bool NeedsReading => Action is ReconcileAction.RecheckRow or ReconcileAction.ReadSpool or ReconcileAction.ReadLog
        or ReconcileAction.ReadLogTail;
}
