using SatDaemon.Database.Jobs;

namespace SatDaemon.Database.Daemon;

/// <summary>
/// What recording a job's end did, as the daemon needs it. Not <see cref="Recorded"/>: another process (the JobLogger)
/// recorded it first and nothing changed. <see cref="Error"/> is the error as stored (a stop's reason first, truncated).
/// </summary>
public sealed record JobEnd(bool Recorded, bool WillRetry, string? Error, bool Cancelled = false)
{
    internal static JobEnd From(JobOutcome outcome) => new(outcome.Recorded, outcome.WillRetry, outcome.Failure?.Error, outcome.Cancelled);

    /// <summary>A failure the operator must hear about: recorded by us, not retried, not an operator's cancel.</summary>
    public bool NeedsAlert => Recorded && !WillRetry && !Cancelled;
}
