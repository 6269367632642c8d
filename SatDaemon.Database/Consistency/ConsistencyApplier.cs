using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Consistency;

/// <summary>
/// Writes one frame's Advance and SetBack rows in one transaction, each as a guarded update that expects the
/// (proc_stage, proc_status) read and no running job: a row that changed meanwhile is skipped and reported.
/// </summary>
public sealed class ConsistencyApplier(SatDbFactory factory, TimeProvider time)
{
    public async Task<List<ConsistencyRow>> ApplyAsync(string frameId, IReadOnlyList<ConsistencyRow> rows, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = rows.ToArray();
        // Rows before the frame: the time series' first date is taken from the ifg rows as they are after this run.
        foreach (var i in Enumerable.Range(0, rows.Count).Where(i => rows[i].WantsChange).OrderBy(i => rows[i].Table == TargetTables.Frames))
        {
            var row = rows[i];
            if (await UpdateAsync(db, row, now, ct) == 1)
            {
                // A pending job of the old stage is no longer due; the daemon's next job list makes the right one.
                await db.PendingJobs.Where(p => p.TargetTable == row.Table && p.FrameId == frameId && p.TargetId == row.TargetId).ExecuteDeleteAsync(ct);
                result[i] = row with { Applied = true };
            }
            else
            {
                result[i] = row with { Action = ConsistencyAction.ChangedMeanwhile, Note = "row changed since it was read: skipped" };
            }
        }
        if (result.Any(r => r.Applied) && await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, true), ct) == 0)
        {
            // init-database creates the row; a database made some other way may lack it.
            db.DaemonTools.Add(new DaemonTools { Id = 1, RecreateJoblist = true });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return [.. result];
    }

    private static Task<int> UpdateAsync(SatDbContext db, ConsistencyRow row, DateTime now, CancellationToken ct)
    {
        var (stage, status) = (row.Database.Stage, row.Database.Status);
        var (newStage, newStatus) = (row.Target!.Value.Stage, row.Target.Value.Status);
        var id = row.TargetId;
        var frameId = row.FrameId;
        var table = row.Table;
        // Every guard also requires that no job runs for the row: one may have been launched since it was read.
        return table switch
        {
            TargetTables.Master => db.Master
                .Where(r => r.Id == id && r.ProcStage == stage && r.ProcStatus == status
                    && !db.RunningJobs.Any(j => j.TargetTable == table && j.TargetId == r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, newStage).SetProperty(r => r.ProcStatus, newStatus).SetProperty(r => r.UpdatedAt, now), ct),
            TargetTables.Ifg => db.Ifg
                .Where(r => r.Id == id && r.ProcStage == stage && r.ProcStatus == status
                    && !db.RunningJobs.Any(j => j.TargetTable == table && j.TargetId == r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, newStage).SetProperty(r => r.ProcStatus, newStatus).SetProperty(r => r.UpdatedAt, now), ct),
            TargetTables.RsarIfg => db.RsarIfg
                .Where(r => r.Id == id && r.ProcStage == stage && r.ProcStatus == status
                    && !db.RunningJobs.Any(j => j.TargetTable == table && j.TargetId == r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, newStage).SetProperty(r => r.ProcStatus, newStatus).SetProperty(r => r.UpdatedAt, now), ct),
            TargetTables.Frames => UpdateFrameAsync(db, frameId, stage, status, newStage, newStatus, now, ct),
            _ => throw new ArgumentException($"unknown target table '{table}'", nameof(row)),
        };
    }

    private static async Task<int> UpdateFrameAsync(SatDbContext db, string frameId, int stage, int status, int newStage, int newStatus, DateTime now, CancellationToken ct)
    {
        // As when a timeseries job finishes: the first time series fixes the dates noupdate keeps (only if not set yet).
        var lastDate = await db.Ifg.Where(i => i.FrameId == frameId && i.ProcStatus == ProcStatus.Complete).MaxAsync(i => (DateOnly?)i.Date, ct);
        var pastTimeseries = newStage > 1 || newStatus == ProcStatus.Complete;
        var complete = newStatus == ProcStatus.Complete;
        return await db.Frames
            .Where(f => f.Id == frameId && f.TsStage == stage && f.TsStatus == status
                && !db.RunningJobs.Any(j => j.TargetTable == TargetTables.Frames && j.FrameId == frameId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.TsStage, newStage).SetProperty(f => f.TsStatus, newStatus)
                .SetProperty(f => f.TsFirstDate, f => pastTimeseries ? f.TsFirstDate ?? lastDate : f.TsFirstDate)
                .SetProperty(f => f.TsCompletedAt, f => complete ? f.TsCompletedAt ?? now : f.TsCompletedAt)
                .SetProperty(f => f.LastUpdated, now), ct);
    }
}
