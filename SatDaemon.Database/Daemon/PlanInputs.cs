namespace SatDaemon.Database.Daemon;

/// <summary>What a placement plan is made from: the pending jobs due now and every running job (their budgets are held).</summary>
public sealed record PlanInputs(IReadOnlyList<PendingJobRecord> Pending, IReadOnlyList<RunningJobRecord> Running);
