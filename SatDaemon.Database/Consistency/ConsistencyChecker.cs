using Microsoft.EntityFrameworkCore;
using SatDaemon.Configuration;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Consistency;

/// <summary>
/// check-db-consistency: for each frame, compares every master, ifg and rsar_ifg row and the frame's time series with
/// the outputs its stages left on disk, decides per <see cref="ConsistencyDecision.Decide"/>, and with apply writes
/// the differences, one transaction per frame (so a frame is in line as a whole or not at all).
/// </summary>
public sealed class ConsistencyChecker(SatDbFactory factory, SatDaemonConfig config, TimeProvider? time = null)
{
    private readonly ConsistencyApplier _applier = new(factory, time ?? TimeProvider.System);

    /// <summary>Checks every frame, or only <paramref name="frameId"/> (FrameException when unknown). Without <paramref name="apply"/> nothing is written.</summary>
    public async Task<ConsistencyReport> RunAsync(string? frameId, bool apply, IProgress<ConsistencyProgress>? progress, CancellationToken ct)
    {
        StageCatalog stages;
        List<Frame> frames;
        await using (var db = factory.Create())
        {
            stages = await StageCatalog.LoadAsync(db, ct);
            frames = await db.Frames.AsNoTracking().Where(f => frameId == null || f.Id == frameId).OrderBy(f => f.Id).ToListAsync(ct);
        }
        if (frameId is not null && frames.Count == 0) throw new FrameException($"unknown frame {frameId}");
        // Before any row is read: a bad outputs template is one config error, not one per row.
        var disk = StageOnDisk.Load(config, stages);

        var rows = new List<ConsistencyRow>();
        for (var i = 0; i < frames.Count; i++)
        {
            var frameRows = await CheckFrameAsync(frames[i], stages, disk, ct);
            // Read and write close together per frame, so few rows change in between; the guarded updates catch those.
            if (apply && frameRows.Any(r => r.WantsChange)) frameRows = await _applier.ApplyAsync(frames[i].Id, frameRows, ct);
            rows.AddRange(frameRows);
            progress?.Report(new ConsistencyProgress(i + 1, frames.Count, frames[i].Id));
        }
        return new ConsistencyReport(rows, apply, stages);
    }

    private async Task<List<ConsistencyRow>> CheckFrameAsync(Frame frame, StageCatalog stages, StageOnDisk disk, CancellationToken ct)
    {
        await using var db = factory.Create();
        var id = frame.Id;
        var masters = await db.Master.AsNoTracking().Where(r => r.FrameId == id).OrderBy(r => r.Date).ToListAsync(ct);
        var ifgs = await db.Ifg.AsNoTracking().Where(r => r.FrameId == id).OrderBy(r => r.Date).ToListAsync(ct);
        var pairs = await db.RsarIfg.AsNoTracking().Where(r => r.FrameId == id).OrderBy(r => r.Date1).ThenBy(r => r.Date2).ToListAsync(ct);
        var running = (await db.RunningJobs.AsNoTracking().Where(j => j.FrameId == id).Select(j => new { j.TargetTable, j.TargetId }).ToListAsync(ct))
            .Select(j => (j.TargetTable, j.TargetId)).ToHashSet();

        var check = new FrameCheck(config, frame, stages, disk, running, Directory.Exists(config.FrameDir(id)));
        var rows = new List<ConsistencyRow>();
        rows.AddRange(masters.Select(r => check.Row(TargetTables.Master, r.Id, r.Date, null, new RowState(r.ProcStage, r.ProcStatus))));
        rows.AddRange(ifgs.Select(r => check.Row(TargetTables.Ifg, r.Id, r.Date, null, new RowState(r.ProcStage, r.ProcStatus))));
        rows.AddRange(pairs.Select(r => check.Row(TargetTables.RsarIfg, r.Id, r.Date1, r.Date2, new RowState(r.ProcStage, r.ProcStatus))));
        rows.Add(check.Row(TargetTables.Frames, 0, null, null, new RowState(frame.TsStage, frame.TsStatus)));
        return rows;
    }

    /// <summary>The per-row work of one frame: placeholders, evidence from disk, the decision.</summary>
    private sealed class FrameCheck(SatDaemonConfig config, Frame frame, StageCatalog stages, StageOnDisk disk,
        HashSet<(string, long)> running, bool folderExists)
    {
        public ConsistencyRow Row(string table, long id, DateOnly? date, DateOnly? date2, RowState database)
        {
            var last = stages.Last(table);
            var isRunning = database.Status == ProcStatus.Running || running.Contains((table, id));
            IReadOnlyList<StageEvidence> evidence;
            try
            {
                evidence = disk.Read(table, JobPlaceholders.For(config, frame.Id, date, date2, frame.MasterDate, null));
            }
            catch (FormatException e)
            {
                var action = isRunning ? ConsistencyAction.Running : ConsistencyAction.CannotCheck;
                return new ConsistencyRow(frame.Id, table, id, date, date2, database, null, action, null, [], e.Message);
            }
            var progress = DiskProgress.From(evidence);
            var decision = ConsistencyDecision.Decide(database, last, progress, isRunning, folderExists);
            var note = decision.Action == ConsistencyAction.SetBackRefused ? $"frame folder {config.FrameDir(frame.Id)} is missing" : null;
            return new ConsistencyRow(frame.Id, table, id, date, date2, database, RowState.AfterDone(progress.Done, last),
                decision.Action, decision.Target, progress.BeyondGap, note);
        }
    }
}
