namespace SatDaemon.Database.Jobs;

// What a run really took (measured by job exec) is kept with its end, in the end's transaction (JobEndRecord): a
// job_usage row per run, the figures on failed_jobs, and an over_budget event when it took more than its budget.
public sealed partial class JobStore
{
    /// <summary>over_budget_margin in percent: a run over its budget by more than this gets an over_budget event. Default 25.</summary>
    public int OverBudgetMargin { get; init; } = 25;
}
