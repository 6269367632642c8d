namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>The row read again once the job's processes are gone: the JobLogger may have recorded its end meanwhile.</summary>
public enum RowRecheck { NotYet, StillRunning, Ended }

/// <summary>The job's outcome spool file (beside its log), as far as it was read.</summary>
public enum SpoolSeen { Unread, Absent, Unreadable, ThisJob, AnotherJob }

/// <summary>The job's log file, as far as it was read.</summary>
public enum LogSeen { Unread, Absent, Present }

/// <summary>
/// What settling a gone job needs, each part possibly not read yet: the decider asks for the next part it needs
/// (<see cref="ReconcileAction.RecheckRow"/>, <see cref="ReconcileAction.ReadSpool"/>, …), so a job costs exactly the
/// reads its case needs. The reconcile's one command per machine usually sends all of them at once.
/// </summary>
public sealed record GoneJobReading(RowRecheck Row, SpoolSeen Spool, LogSeen Log, bool TailRead)
{
    public static readonly GoneJobReading NothingRead = new(RowRecheck.NotYet, SpoolSeen.Unread, LogSeen.Unread, false);
}
