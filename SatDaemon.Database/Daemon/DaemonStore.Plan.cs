using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Queries;

namespace SatDaemon.Database.Daemon;

// Steps 2-4 of a pass: the job list and what the placement plan is made from.
public sealed partial class DaemonStore
{
    /// <summary>Rebuilds pending_jobs by the stage rules, clearing ctl's recreate_joblist flag first.</summary>
    public async Task<JobListResult> RebuildJobListAsync(CancellationToken ct)
    {
        // Cleared before reading, so a ctl change made during the rebuild asks for another one.
        await using (var db = _factory.Create())
            await DaemonFlags.ClearJobListRequestAsync(db, ct);
        return await _jobList.RebuildAsync(ct);
    }

    /// <summary>Pending jobs due at <paramref name="nowUtc"/> (retries still backing off are left out), every running job, held frames and drained machines.</summary>
    public async Task<PlanInputs> ReadPlanInputsAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = _factory.Create();
        var pending = await db.PendingJobs.AsNoTracking().Where(p => p.NotBefore == null || p.NotBefore <= nowUtc).ToListAsync(ct);
        var running = await db.RunningJobs.AsNoTracking().ToListAsync(ct);
        var held = await db.Frames.AsNoTracking().Where(f => f.HeldAt != null).Select(f => f.Id).ToListAsync(ct);
        var drained = await db.MachineDrains.AsNoTracking().Select(d => d.Machine).ToListAsync(ct);
        return new PlanInputs(pending.Select(PendingJobRecord.From).ToList(), running.Select(RunningJobRecord.From).ToList(),
            held.ToHashSet(StringComparer.Ordinal), drained.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Retries still waiting out their backoff at <paramref name="nowUtc"/>: the console shows them apart from the plan.</summary>
    public async Task<int> BackingOffCountAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = _factory.Create();
        return await db.PendingJobs.CountAsync(p => p.NotBefore != null && p.NotBefore > nowUtc, ct);
    }

    /// <summary>Frames on ctl hold and machines on ctl drain, sorted, for `satdaemon explain`.</summary>
    public async Task<(IReadOnlyList<string> HeldFrames, IReadOnlyList<string> DrainedMachines)> OperatorHoldsAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        var held = await db.Frames.AsNoTracking().Where(f => f.HeldAt != null).OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(ct);
        var drained = await db.MachineDrains.AsNoTracking().OrderBy(d => d.Machine).Select(d => d.Machine).ToListAsync(ct);
        return (held, drained);
    }
}
