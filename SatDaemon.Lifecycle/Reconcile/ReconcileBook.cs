namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// What this daemon process remembers of a job across passes (kept in memory, lost on restart, which is why adoption
/// exists): whether it launched it or has seen it alive, how many launches of its target in a row never started, and
/// whether it already reported the job as surviving SIGKILL. <see cref="PowerDown"/> is the pass's control flag.
/// </summary>
public sealed record ReconcileBook(bool LaunchedHere, bool SeenAlive, int NotStartedRuns, bool UnkillableReported, bool PowerDown)
{
    public static readonly ReconcileBook Empty = new(false, false, 0, false, false);
}
