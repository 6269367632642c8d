using SatDaemon.Database.Jobs;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Queries;

/// <summary>
/// Rebuilds pending_jobs from the stage tables by the rules of DESIGN §5.
/// Set-based: one query per table reads only waiting rows of frames that are switched on (an index on
/// (proc_status, frame_id) keeps completed history out of it), needs are checked in the database (EXISTS, joins),
/// and pending_jobs is changed by difference, so work grows with what is waiting, not with history.
/// Given frames, it reads and changes only those frames' rows (see DaemonStore.RebuildDirtyFramesAsync for why a
/// frame's jobs depend on nothing outside it), so work grows with the frames touched.
/// </summary>
public sealed class JobListBuilder(SatDbFactory factory, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="apply">False computes what the job list would be (for `satdaemon explain`) without changing pending_jobs.</param>
    /// <param name="only">Rebuild only these frames' part of the list; the other frames' pending rows are not read or touched.
    /// Null rebuilds the whole list.</param>
    public async Task<JobListResult> RebuildAsync(CancellationToken ct, bool apply = true, IReadOnlyCollection<string>? only = null)
    {
        var watch = Stopwatch.StartNew();
        var result = new JobListResult { Frames = only?.Count ?? 0 };
        await using var db = factory.Create();
        // One connection for the whole rebuild instead of one per query.
        await db.Database.OpenConnectionAsync(ct);
        // PostgreSQL's JIT costs ~0.9 s per rebuild at 10^5 rows (the EXISTS subplans push the estimate past
        // jit_above_cost) and saves nothing on queries this short; the pool's DISCARD ALL resets it afterwards.
        if (!factory.IsSqlite) await db.Database.ExecuteSqlRawAsync("SET jit = off", ct);
        var stages = await StageCatalog.LoadAsync(db, ct);
        // One list for both filters that take it (the frames read here, the pending rows compared in ApplyDifference).
        var some = only?.ToList();
        var onFrames = db.Frames.AsNoTracking().Where(f => f.ProcLevel != ProcLevel.Off);
        if (some is not null) onFrames = onFrames.Where(f => some.Contains(f.Id));
        var frames = await onFrames.ToDictionaryAsync(f => f.Id, ct);
        var active = frames.Keys.ToList();
        var wanted = new List<PendingJob>();

        var masters = await db.Master.AsNoTracking().Where(m => active.Contains(m.FrameId)).ToListAsync(ct);
        var masterDone = masters.Where(m => m.ProcStatus == ProcStatus.Complete).Select(m => m.FrameId).ToHashSet();
        foreach (var m in masters.Where(m => m.ProcStatus == ProcStatus.Waiting))
        {
            var f = frames[m.FrameId];
            var stage = stages.Stage(TargetTables.Master, m.ProcStage);
            // The master's date is exempt from proc range and noupdate: every other date depends on it.
            if (!StageRules.LevelAllows(f, stage))
            {
                if (result.Block("level")) Example(result, $"{f.Id} master {m.Date:yyyy-MM-dd} {stage.Name}", StageRules.Level(f, stage));
                continue;
            }
            wanted.Add(Job(f, TargetTables.Master, m.Id, stage, m.Date, null));
        }

        var ifgs = await db.Ifg.AsNoTracking()
            .Where(i => i.ProcStatus == ProcStatus.Waiting && active.Contains(i.FrameId))
            .Select(i => new { i.Id, i.FrameId, i.Date, i.ProcStage }).ToListAsync(ct);
        foreach (var i in ifgs)
        {
            var f = frames[i.FrameId];
            var stage = stages.Stage(TargetTables.Ifg, i.ProcStage);
            // The row's words are written only for the few blocked rows given as examples (see Example).
            string What() => $"{f.Id} ifg {i.Date:yyyy-MM-dd} {stage.Name}";
            if (!StageRules.LevelAllows(f, stage)) { if (result.Block("level")) Example(result, What(), StageRules.Level(f, stage)); continue; }
            if (!StageRules.DateAllows(f, i.Date)) { if (result.Block("date range/noupdate")) Example(result, What(), StageRules.Date(f, i.Date)); continue; }
            if (StageRoles.Need(TargetTables.Ifg, stage) == StageNeed.MasterComplete && !masterDone.Contains(f.Id))
            {
                if (result.Block("master not complete")) Example(result, What(), "master not complete");
                continue;
            }
            wanted.Add(Job(f, TargetTables.Ifg, i.Id, stage, i.Date, null));
        }

        // Coherence needs both dates done (DESIGN §5: each date's ifg, or the master, complete); whether they are is
        // answered in the database, as four LEFT JOINs on the complete rows (ifg has one row per frame and date, master
        // one per frame, so no row is repeated). Joins, not EXISTS: PostgreSQL answered the EXISTS with hashed subplans
        // that cost ~0.5 s whether 27 frames or all were rebuilt; the joins cost what the rows read cost (measured in
        // docs/performance.md). Whether a row's stage needs the dates is still decided below (StageRoles.Need).
        // The complete rows of the frames rebuilt only: the (proc_status, frame_id) index serves it, and a rebuild of a
        // few frames then reads their rows, not every complete row of history.
        var doneIfg = db.Ifg.Where(i => i.ProcStatus == ProcStatus.Complete && active.Contains(i.FrameId));
        var doneMaster = db.Master.Where(m => m.ProcStatus == ProcStatus.Complete && active.Contains(m.FrameId));
        var rsars = await (
            from r in db.RsarIfg.AsNoTracking().Where(r => r.ProcStatus == ProcStatus.Waiting && active.Contains(r.FrameId))
            join i1 in doneIfg on new { r.FrameId, Date = r.Date1 } equals new { i1.FrameId, i1.Date } into gi1
            from i1 in gi1.DefaultIfEmpty()
            join m1 in doneMaster on new { r.FrameId, Date = r.Date1 } equals new { m1.FrameId, m1.Date } into gm1
            from m1 in gm1.DefaultIfEmpty()
            join i2 in doneIfg on new { r.FrameId, Date = r.Date2 } equals new { i2.FrameId, i2.Date } into gi2
            from i2 in gi2.DefaultIfEmpty()
            join m2 in doneMaster on new { r.FrameId, Date = r.Date2 } equals new { m2.FrameId, m2.Date } into gm2
            from m2 in gm2.DefaultIfEmpty()
            select new
            {
                r.Id, r.FrameId, r.Date1, r.Date2, r.ProcStage,
                BothDone = (i1 != null || m1 != null) && (i2 != null || m2 != null),
            }).ToListAsync(ct);
        foreach (var r in rsars)
        {
            var f = frames[r.FrameId];
            var stage = stages.Stage(TargetTables.RsarIfg, r.ProcStage);
            string What() => $"{f.Id} rsar_ifg {r.Date1:yyyy-MM-dd}_{r.Date2:yyyy-MM-dd} {stage.Name}";
            if (!StageRules.LevelAllows(f, stage)) { if (result.Block("level")) Example(result, What(), StageRules.Level(f, stage)); continue; }
            if (!StageRules.PairAllows(f, r.Date1, r.Date2)) { if (result.Block("date range/noupdate")) Example(result, What(), StageRules.Pair(f, r.Date1, r.Date2)); continue; }
            if (StageRoles.Need(TargetTables.RsarIfg, stage) == StageNeed.BothDatesComplete && !r.BothDone)
            {
                if (result.Block("dates not both complete")) Example(result, What(), "dates not both complete");
                continue;
            }
            wanted.Add(Job(f, TargetTables.RsarIfg, r.Id, stage, r.Date1, r.Date2));
        }

        var waitingPairs = rsars.Select(r => new OpenPair(r.FrameId, r.Date1, r.Date2)).ToList();
        await AddTimeSeriesJobsAsync(db, stages, frames, waitingPairs, wanted, result, ct);
        result.Eligible = wanted.Count;
        result.Jobs.AddRange(wanted);
        if (apply) await ApplyDifferenceAsync(db, wanted, some, result, ct);
        result.Elapsed = watch.Elapsed;
        return result;
    }

    /// <summary>An rsar_ifg pair that is not complete, as the time-series rule counts it.</summary>
    private sealed record OpenPair(string FrameId, DateOnly Date1, DateOnly Date2);

    /// <param name="waiting">The waiting rsar_ifg rows of every frame rebuilt, as the rsar_ifg step read them.</param>
    private async Task AddTimeSeriesJobsAsync(SatDbContext db, StageCatalog stages, Dictionary<string, Frame> frames,
        List<OpenPair> waiting, List<PendingJob> wanted, JobListResult result, CancellationToken ct)
    {
        var tsFrames = frames.Values.Where(f => f.TsStatus == ProcStatus.Waiting).ToList();
        if (tsFrames.Count == 0) return;
        var ids = tsFrames.Select(f => f.Id).ToList();
        // Only rows that are not complete count: normally few, whatever the history. The waiting ones (most of them)
        // were read by the rsar_ifg step already, so only the others (running, held, failed) are read here: reading
        // the waiting rows twice was the larger part of this step. Each status range is one the (proc_status, frame_id)
        // index serves; "<>" made PostgreSQL read every row of those frames.
        var open = await db.RsarIfg.AsNoTracking()
            .Where(r => ids.Contains(r.FrameId)
                        && ((r.ProcStatus > ProcStatus.Waiting && r.ProcStatus < ProcStatus.Complete) || r.ProcStatus > ProcStatus.Complete))
            .Select(r => new OpenPair(r.FrameId, r.Date1, r.Date2)).ToListAsync(ct);
        open.AddRange(waiting);
        // One index probe per frame, not a DISTINCT over every complete row (that grew with history).
        var withDone = (await db.Frames.AsNoTracking()
            .Where(f => ids.Contains(f.Id) && db.RsarIfg.Any(r => r.FrameId == f.Id && r.ProcStatus == ProcStatus.Complete))
            .Select(f => f.Id).ToListAsync(ct)).ToHashSet();
        var openByFrame = open.ToLookup(r => r.FrameId);
        foreach (var f in tsFrames)
        {
            var stage = stages.Stage(TargetTables.Frames, f.TsStage);
            var what = $"{f.Id} {stage.Name}";
            if (!StageRules.LevelAllows(f, stage)) { if (result.Block("level")) Example(result, what, StageRules.Level(f, stage)); continue; }
            if (StageRoles.Need(TargetTables.Frames, stage) == StageNeed.RsarIfgUnwrapped)
            {
                var inRange = openByFrame[f.Id].Count(r => StageRules.PairAllows(f, r.Date1, r.Date2));
                if (inRange > 0) { if (result.Block("rsar_ifg not unwrapped")) Example(result, what, $"{inRange} rsar_ifg not unwrapped"); continue; }
                if (!withDone.Contains(f.Id)) { if (result.Block("no unwrapped rsar_ifg")) Example(result, what, "no unwrapped rsar_ifg yet"); continue; }
            }
            wanted.Add(Job(f, TargetTables.Frames, 0, stage, null, null));
        }
    }

    private async Task ApplyDifferenceAsync(SatDbContext db, List<PendingJob> wanted, List<string>? only,
        JobListResult result, CancellationToken ct)
    {
        var rows = db.PendingJobs.AsNoTracking();
        // Only the rebuilt frames' rows are compared: another frame's rows are neither wanted here nor stale.
        if (only is not null) rows = rows.Where(p => only.Contains(p.FrameId));
        var existing = await rows
            .Select(p => new { p.Id, p.TargetTable, p.FrameId, p.TargetId, p.Stage, p.Priority }).ToListAsync(ct);
        var byKey = existing.ToDictionary(p => (p.TargetTable, p.FrameId, p.TargetId));
        var wantedKeys = new HashSet<(string, string, long)>();
        var toAdd = new List<PendingJob>();
        var priorityChanges = new List<(long Id, int Priority)>();
        foreach (var w in wanted)
        {
            var key = (w.TargetTable, w.FrameId, w.TargetId);
            wantedKeys.Add(key);
            if (byKey.TryGetValue(key, out var e) && e.Stage == w.Stage)
            {
                // Kept rows keep their queue time and retry backoff; only priority follows the frame.
                if (e.Priority != w.Priority) priorityChanges.Add((e.Id, w.Priority));
                result.Kept++;
            }
            else toAdd.Add(w);
        }
        var stale = existing.Where(e => !wantedKeys.Contains((e.TargetTable, e.FrameId, e.TargetId))
).Select(e => e.Id).ToList();
        // A row kept under the same key but at another stage is stale too.
        stale.AddRange(toAdd.Where(a => byKey.ContainsKey((a.TargetTable, a.FrameId, a.TargetId)))
            .Select(a => byKey[(a.TargetTable, a.FrameId, a.TargetId)].Id));

        // Most rebuilds change nothing: no transaction then.
        if (stale.Count == 0 && priorityChanges.Count == 0 && toAdd.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in stale.Chunk(1000))
            result.Removed += await PendingJobsTable.DeleteAsync(await EfJobSql.OfAsync(db, ct), chunk, ct);
        foreach (var group in priorityChanges.GroupBy(c => c.Priority))
        {
            var ids = group.Select(c => c.Id).ToList();
            var priority = group.Key;
            await PendingJobsTable.SetPriorityAsync(await EfJobSql.OfAsync(db, ct), ids, priority, ct);
        }
        await PendingJobsTable.InsertAsync(await EfJobSql.OfAsync(db, ct), toAdd.Select(PendingJobRows.Of).ToList(), ct);
        await tx.CommitAsync(ct);
        result.Added = toAdd.Count;
    }

    private PendingJob Job(Frame f, string table, long targetId, ProcStageRow stage, DateOnly? date, DateOnly? date2) => new()
    {
        FrameId = f.Id,
        JobType = stage.JobType,
        TargetTable = table,
        TargetId = targetId,
        Stage = stage.Id,
        StageName = stage.Name,
        StageRank = stage.Rank,
        Date = date,
        Date2 = date2,
        Priority = f.Priority,
        QueuedAt = _time.GetUtcNow().UtcDateTime,
    };

    /// <summary>An example line for a blocked row; written only for the rows <see cref="JobListResult.Block"/> keeps.</summary>
    private static void Example(JobListResult result, string what, string? reason) => result.BlockedExamples.Add($"{what} waits: {reason}");
}
