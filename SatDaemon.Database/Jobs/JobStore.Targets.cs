using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

// Guarded changes of the rows a job advances (master, ifg, rsar_ifg, and a frame's time series).
public sealed partial class JobStore
{
    /// <summary>Frame targets (the time series) are found by frame id; the others by row id.</summary>
    private Task<int> SetTargetStatusAsync(SatDbContext db, string table, long id, string frameId, int stage, int expected, int status, CancellationToken ct)
    {
        var now = Now;
        return table switch
        {
            TargetTables.Master => SetRowStatusAsync(db.Master, id, stage, expected, status, now, ct),
            TargetTables.Ifg => SetRowStatusAsync(db.Ifg, id, stage, expected, status, now, ct),
            TargetTables.RsarIfg => SetRowStatusAsync(db.RsarIfg, id, stage, expected, status, now, ct),
            TargetTables.Frames => db.Frames.Where(f => f.Id == frameId && f.TsStatus == expected && f.TsStage == stage)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.TsStatus, status).SetProperty(f => f.LastUpdated, now), ct),
            _ => throw new ArgumentException($"unknown target table '{table}'", nameof(table)),
        };
    }

    private static Task<int> SetRowStatusAsync<T>(IQueryable<T> rows, long id, int stage, int expected, int status, DateTime now, CancellationToken ct)
        where T : ProcRow =>
        rows.Where(r => r.Id == id && r.ProcStatus == expected && r.ProcStage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStatus, status).SetProperty(r => r.UpdatedAt, now), ct);

    private async Task AdvanceTargetAsync(SatDbContext db, RunningJob job, int nextStage, int nextStatus, CancellationToken ct)
    {
        var now = Now;
        var stage = job.Stage;
        var id = job.TargetId;
        var n = job.TargetTable switch
        {
            TargetTables.Master => await AdvanceRowAsync(db.Master, id, stage, nextStage, nextStatus, now, ct),
            TargetTables.Ifg => await AdvanceRowAsync(db.Ifg, id, stage, nextStage, nextStatus, now, ct),
            TargetTables.RsarIfg => await AdvanceRowAsync(db.RsarIfg, id, stage, nextStage, nextStatus, now, ct),
            TargetTables.Frames => await AdvanceFrameAsync(db, job, nextStage, nextStatus, now, ct),
            _ => throw new ArgumentException($"unknown target table '{job.TargetTable}'"),
        };
        if (n == 0)
            db.JobEvents.Add(Event(job.Id, JobEventKinds.Warning, job.FrameId, job.Machine,
                $"{job.TargetTable} row {job.TargetId} was no longer running at stage {stage}; its state was left as it is"));
    }

    private static Task<int> AdvanceRowAsync<T>(IQueryable<T> rows, long id, int stage, int nextStage, int nextStatus, DateTime now, CancellationToken ct)
        where T : ProcRow =>
        rows.Where(r => r.Id == id && r.ProcStatus == ProcStatus.Running && r.ProcStage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, nextStage).SetProperty(r => r.ProcStatus, nextStatus).SetProperty(r => r.UpdatedAt, now), ct);

    private static async Task<int> AdvanceFrameAsync(SatDbContext db, RunningJob job, int nextStage, int nextStatus, DateTime now, CancellationToken ct)
    {
        var frameId = job.FrameId;
        var stage = job.Stage;
        var q = db.Frames.Where(f => f.Id == frameId && f.TsStatus == ProcStatus.Running && f.TsStage == stage);
        if (stage == 1)
        {
            // The first completed time series fixes the dates that noupdate keeps processing.
            var lastDate = await db.Ifg.Where(i => i.FrameId == frameId && i.ProcStatus == ProcStatus.Complete)
                .MaxAsync(i => (DateOnly?)i.Date, ct);
            return await q.ExecuteUpdateAsync(s => s
                .SetProperty(f => f.TsStage, nextStage).SetProperty(f => f.TsStatus, nextStatus)
                .SetProperty(f => f.TsFirstDate, f => f.TsFirstDate ?? lastDate)
                .SetProperty(f => f.LastUpdated, now), ct);
        }
        return await q.ExecuteUpdateAsync(s => s
            .SetProperty(f => f.TsStage, nextStage).SetProperty(f => f.TsStatus, nextStatus)
            .SetProperty(f => f.TsCompletedAt, now).SetProperty(f => f.LastUpdated, now), ct);
    }
}
