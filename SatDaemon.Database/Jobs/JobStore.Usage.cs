using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Jobs;

// What a run really took (measured by job exec) is kept with its end, in the end's transaction: a job_usage row per
// run, the figures on failed_jobs, and an over_budget event when it took more than its budget.
public sealed partial class JobStore
{
    /// <summary>over_budget_margin in percent: a run over its budget by more than this gets an over_budget event. Default 25.</summary>
    public int OverBudgetMargin { get; init; } = 25;

    /// <summary>Inside an end's transaction, the running row already taken: the run's job_usage row and, if it took too much, its over_budget event.</summary>
    private void AddUsage(SatDbContext db, RunningJob job, bool success, JobUsage? usage)
    {
        if (usage is null) return;
        db.JobUsage.Add(new JobUsageRecord
        {
            JobId = job.Id, FrameId = job.FrameId, JobType = job.JobType, StageName = job.StageName, Machine = job.Machine,
            EndedAt = Now, Success = success,
            WallS = usage.WallSeconds, CpuS = usage.CpuSeconds, MeanCores = usage.MeanCores, PeakRssMb = usage.PeakRssMb,
            ReadMb = usage.ReadMb, WriteMb = usage.WriteMb,
            BudgetCpus = job.Cpus, BudgetMemory = job.Memory, BudgetDisk = job.Disk, SoftwareVersion = job.SoftwareVersion,
        });
        if (BudgetOverrun.Check(usage, job.Cpus, job.Memory, OverBudgetMargin) is { } overrun)
            db.JobEvents.Add(Event(job.Id, JobEventKinds.OverBudget, job.FrameId, job.Machine, $"{job.JobType} {Describe(job)} over budget: {overrun}", job.JobType));
    }

    private static void SetUsage(FailedJob failure, JobUsage? usage)
    {
        if (usage is null) return;
        failure.WallS = usage.WallSeconds;
        failure.CpuS = usage.CpuSeconds;
        failure.PeakRssMb = usage.PeakRssMb;
        failure.ReadMb = usage.ReadMb;
        failure.WriteMb = usage.WriteMb;
    }
}
