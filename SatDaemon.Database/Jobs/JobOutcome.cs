using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

/// <summary>What recording a job's end did. AlreadyEnded means another process recorded it first; nothing changed.</summary>
public sealed record JobOutcome(JobOutcomeKind Kind, RunningJob? Job, FailedJob? Failure = null, bool WillRetry = false)
{
    public bool Recorded => Kind == JobOutcomeKind.Recorded;

    public static readonly JobOutcome AlreadyEnded = new(JobOutcomeKind.AlreadyEnded, null);
}

public enum JobOutcomeKind { Recorded, AlreadyEnded }
