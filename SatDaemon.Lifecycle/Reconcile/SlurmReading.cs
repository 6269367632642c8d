namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// One job's part of a `squeue` reading. <see cref="State"/> is null when Slurm no longer knows the job; <see cref="Active"/>:
/// Slurm still holds (or waits for) its allocation (PENDING, RUNNING, COMPLETING, …); <see cref="Verdict"/>: Slurm's own
/// reason for ending it (time limit, memory, node failure, cancellation), null when Slurm did not end it.
/// </summary>
public sealed record SlurmReading(long? SlurmJobId, string? State, bool Active, bool Pending, string? Verdict)
{
    public static readonly SlurmReading Unknown = new(null, null, false, false, null);

    /// <summary>True when Slurm itself ended the job.</summary>
    public bool EndedBySlurm => !Active && Verdict is not null;
}
