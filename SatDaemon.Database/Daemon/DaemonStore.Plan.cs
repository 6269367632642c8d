using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Queries;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Daemon;

// Steps 2-4 of a pass: the job list and what the placement plan is made from.
public sealed partial class DaemonStore
{
    /// <summary>
    /// Rebuilds the whole of pending_jobs by the stage rules, clearing ctl's recreate_joblist flag and every dirty frame
    /// first and stamping daemon_tools.last_joblist_at after (this is its one writer).
    /// </summary>
    public async Task<JobListResult> RebuildJobListAsync(CancellationToken ct)
    {
        // Taken before the rebuild reads: the list reflects the rows as of then, and the stamp says so.
        var asOf = _time.GetUtcNow().UtcDateTime;
        // Cleared before reading, so a change made during the rebuild asks for another one (whole list or its frame).
        await using (var db = _factory.Create())
        {
            await DaemonFlags.ClearJobListRequestAsync(db, ct);
            await DaemonFlags.TakeDirtyFramesAsync(db, ct);
        }
        var result = await _jobList.RebuildAsync(ct);
        await StampJobListAsync(asOf, ct);
        return result;
    }

    /// <summary>
    /// Rebuilds only the frames whose writers asked for it (joblist_dirty_frames), taking them before the stage tables
    /// are read: a change committed during the rebuild marks its frame again for the next pass. Null when no frame asked.
    /// </summary>
    /// <remarks>
    /// Complete for those frames because every rule of DESIGN §5 reads only the frame's own rows: its level, range,
    /// noupdate and priority, its master (coreg), its ifg and master dates (coherence), its rsar_ifg (time series).
    /// Nothing in one frame makes a job of another frame pending or not, so the other frames' rows are left as they are
    /// (same ids, same queue times). The stage tables, which all frames share, change only with the schema; the daemon's
    /// first pass and its timed full rebuild cover that and any change made around the writers.
    /// </remarks>
    public async Task<JobListResult?> RebuildDirtyFramesAsync(CancellationToken ct)
    {
        IReadOnlyList<string> frames;
        await using (var db = _factory.Create())
            frames = await DaemonFlags.TakeDirtyFramesAsync(db, ct);
        if (frames.Count == 0) return null;
        return await _jobList.RebuildAsync(ct, only: frames);
    }

    /// <summary>Stamped only once a whole rebuild has committed: one that throws leaves the previous time, which is still true.</summary>
    private async Task StampJobListAsync(DateTime asOf, CancellationToken ct)
    {
        await using var db = _factory.Create();
        await db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastJoblistAt, asOf), ct);
    }

    /// <summary>Pending jobs due at <paramref name="nowUtc"/> (retries still backing off are left out, but the first of them
    /// to become due is given), every running job, held frames and drained machines.</summary>
    public async Task<PlanInputs> ReadPlanInputsAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = _factory.Create();
        var pending = await db.PendingJobs.AsNoTracking().Where(p => p.NotBefore == null || p.NotBefore <= nowUtc).ToListAsync(ct);
        var running = await db.RunningJobs.AsNoTracking().ToListAsync(ct);
        var held = await db.Frames.AsNoTracking().Where(f => f.HeldAt != null).Select(f => f.Id).ToListAsync(ct);
        var drained = await db.MachineDrains.AsNoTracking().Select(d => d.Machine).ToListAsync(ct);
        var nextNotBefore = await db.PendingJobs.Where(p => p.NotBefore > nowUtc).MinAsync(p => p.NotBefore, ct);
        return new PlanInputs(pending.Select(PendingJobRecord.From).ToList(), running.Select(RunningJobRecord.From).ToList(),
            held.ToHashSet(StringComparer.Ordinal), drained.ToHashSet(StringComparer.Ordinal))
        { NextNotBefore = nextNotBefore };
    }

    /// <summary>
    /// What the job list would hold now, by the same stage rules, without writing pending_jobs: for `satdaemon explain`
    /// when the daemon has not built the list (pending_jobs empty). The jobs get ids 1..n, valid only in this preview.
    /// </summary>
    public async Task<JobListPreview> PreviewJobListAsync(CancellationToken ct)
    {
        var result = await _jobList.RebuildAsync(ct, apply: false);
        var jobs = result.Jobs.Select((j, i) => PendingJobRecord.From(j) with { Id = i + 1 }).ToList();
        return new JobListPreview(result, jobs);
    }

    /// <summary>Every running job, whose budgets a plan holds.</summary>
    public async Task<IReadOnlyList<RunningJobRecord>> ReadRunningAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        return (await db.RunningJobs.AsNoTracking().ToListAsync(ct)).Select(RunningJobRecord.From).ToList();
    }

    /// <summary>
    /// Keeps why each waiting job waits on its pending_jobs row: the plan's categories (wait_reason, ctl status's REASON
    /// column) and the planner's whole sentence (wait_detail, what explain prints and the console shows per job). One
    /// UPDATE per distinct reason and sentence and 1000 ids, and only rows whose text changed are touched: jobs of one
    /// need share one sentence, so a queue of 10^4 costs a few statements, and a quiet queue almost nothing.
    /// </summary>
    public async Task RecordWaitReasonsAsync(IReadOnlyList<(long PendingId, string Reason, string Detail)> waiting, CancellationToken ct)
    {
        await using var db = _factory.Create();
        foreach (var group in waiting.GroupBy(w => (w.Reason, w.Detail)))
        {
            var (reason, detail) = group.Key;
            foreach (var chunk in group.Select(w => w.PendingId).Chunk(1000))
                await PendingJobsTable.SetWaitReasonAsync(await EfJobSql.OfAsync(db, ct), chunk, reason, detail, ct);
        }
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
