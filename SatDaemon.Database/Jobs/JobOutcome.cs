using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// What recording a job's end did. AlreadyEnded means another process recorded it first; nothing changed. Cancelled: an
/// operator's ctl cancel ended it; recorded, but not as a failure (no failed_jobs row, no retry, no Teams alert).
/// </summary>
public sealed record JobOutcome(JobOutcomeKind Kind, RunningJob? Job, FailedJob? Failure = null, bool WillRetry = false)
{
    public bool Recorded => Kind is JobOutcomeKind.Recorded or JobOutcomeKind.Cancelled;

    public bool Cancelled => Kind == JobOutcomeKind.Cancelled;

    public static readonly JobOutcome AlreadyEnded = new(JobOutcomeKind.AlreadyEnded, null);
}

public enum JobOutcomeKind { Recorded, AlreadyEnded, Cancelled }
