using SatDaemon.Control;

namespace SatDaemon.Web.Data;

/// <summary>
/// Everything a job's page shows: what `ctl show` reads (<see cref="JobDetails"/>: frame, type, stage, dates, machine, pid,
/// budget, times, state, exit, error, events), its Slurm id, the log tail failed_jobs kept, and its measured use.
/// </summary>
public sealed record JobPageView(JobDetails Details, long? SlurmJobId, string? FailureLogTail, IReadOnlyList<JobUsageView> Usage)
{
    public bool Running => Details.State is "RUNNING" or "STOPPING";
}

/// <summary>One job_usage row: what a run really took against the budget it held.</summary>
public sealed record JobUsageView(DateTime EndedAt, bool Success, string Machine, double WallS, double MeanCores, double PeakRssMb, double ReadMb, double WriteMb,
    int BudgetCpus, double BudgetMemory, int BudgetDisk);
