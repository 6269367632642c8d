namespace SatDaemon.Database.Daemon;

/// <summary>
/// What a placement plan is made from: the pending jobs due now, every running job (their budgets are held), and what
/// operators hold back: frames on ctl hold and machines on ctl drain.
/// </summary>
public sealed record PlanInputs(
    IReadOnlyList<PendingJobRecord> Pending,
    IReadOnlyList<RunningJobRecord> Running,
    IReadOnlySet<string> HeldFrames,
    IReadOnlySet<string> DrainedMachines)
{
    /// <summary>When the first retry still backing off becomes due (UTC), or null: a plan made now holds until then at most.</summary>
    public DateTime? NextNotBefore { get; init; }
}
