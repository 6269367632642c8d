using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Queries;

/// <summary>
/// Rebuilds pending_jobs from the stage tables by the rules of DESIGN §5.
/// Set-based: one query per table reads only waiting rows of frames that are switched on (an index on
/// (proc_status, frame_id) keeps completed history out of it), needs are checked with EXISTS subqueries,
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
        var onFrames = db.Frames.AsNoTracking().Where(f => f.ProcLevel != ProcLevel.Off);
        if (only is not null)
        {
            var some = only.ToList();
            onFrames = onFrames.Where(f => some.Contains(f.Id));
        }
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

        // Coherence needs both dates done; whether a date is done is an EXISTS on ifg or master, evaluated in the database.
        // The EXISTS are the query's cost, so they run only where their answer can matter: rows at a stage that needs
        // both dates (StageRoles.Need), in frames whose level allows such a stage (StageRules.LevelAllows); one column,
        // so the second date is probed only when the first is done. This narrows what is asked, not what is decided:
        // every row is still read and judged below by the same rules, and a row not probed is one those rules block
        // before they look at its dates (level), or never ask about them (stage).
        var bothStages = stages.Chain(TargetTables.RsarIfg).Where(st => StageRoles.Need(TargetTables.RsarIfg, st) == StageNeed.BothDatesComplete).ToList();
        var probeStages = bothStages.Select(st => st.Order).ToList();
        var probeFrames = frames.Values.Where(f => bothStages.Any(st => StageRules.LevelAllows(f, st))).Select(f => f.Id).ToList();
        var rsars = await db.RsarIfg.AsNoTracking()
            .Where(r => r.ProcStatus == ProcStatus.Waiting && active.Contains(r.FrameId))
            .Select(r => new
            {
                r.Id, r.FrameId, r.Date1, r.Date2, r.ProcStage,
                BothDone = probeStages.Contains(r.ProcStage) && probeFrames.Contains(r.FrameId)
                    ? (db.Ifg.Any(i => i.FrameId == r.FrameId && i.Date == r.Date1 && i.ProcStatus == ProcStatus.Complete)
                       || db.Master.Any(m => m.FrameId == r.FrameId && m.Date == r.Date1 && m.ProcStatus == ProcStatus.Complete))
                      && (db.Ifg.Any(i => i.FrameId == r.FrameId && i.Date == r.Date2 && i.ProcStatus == ProcStatus.Complete)
                       || db.Master.Any(m => m.FrameId == r.FrameId && m.Date == r.Date2 && m.ProcStatus == ProcStatus.Complete))
                    : false,
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

        await AddTimeSeriesJobsAsync(db, stages, frames, wanted, result, ct);
        result.Eligible = wanted.Count;
        result.Jobs.AddRange(wanted);
        if (apply) await ApplyDifferenceAsync(db, wanted, only, result, ct);
        result.Elapsed = watch.Elapsed;
        return result;
    }

    private async Task AddTimeSeriesJobsAsync(SatDbContext db, StageCatalog stages, Dictionary<string, Frame> frames,
        List<PendingJob> wanted, JobListResult result, CancellationToken ct)
    {
        var tsFrames = frames.Values.Where(f => f.TsStatus == ProcStatus.Waiting).ToList();
        if (tsFrames.Count == 0) return;
        var ids = tsFrames.Select(f => f.Id).ToList();
        // Only rows that are not complete are read: normally few, whatever the history.
        // "Not complete" as two ranges, so the (proc_status, frame_id) index serves it; "<>" made PostgreSQL read every row of those frames.
        var open = await db.RsarIfg.AsNoTracking()
            .Where(r => ids.Contains(r.FrameId) && (r.ProcStatus < ProcStatus.Complete || r.ProcStatus > ProcStatus.Complete))
            .Select(r => new { r.FrameId, r.Date1, r.Date2 }).ToListAsync(ct);
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

    private async Task ApplyDifferenceAsync(SatDbContext db, List<PendingJob> wanted, IReadOnlyCollection<string>? only,
        JobListResult result, CancellationToken ct)
    {
        var rows = db.PendingJobs.AsNoTracking();
        if (only is not null)
        {
            // Only the rebuilt frames' rows are compared: another frame's rows are neither wanted here nor stale.
            var some = only.ToList();
            rows = rows.Where(p => some.Contains(p.FrameId));
        }
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

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in stale.Chunk(1000))
            result.Removed += await db.PendingJobs.Where(p => chunk.Contains(p.Id)).ExecuteDeleteAsync(ct);
        foreach (var group in priorityChanges.GroupBy(c => c.Priority))
        {
            var ids = group.Select(c => c.Id).ToList();
            var priority = group.Key;
            await db.PendingJobs.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.Priority, priority), ct);
        }
        await PendingJobInserter.InsertAsync(db, factory.IsSqlite, toAdd, ct);
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
