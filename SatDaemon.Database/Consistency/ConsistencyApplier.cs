using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Consistency;

/// <summary>
/// Writes one frame's Advance and SetBack rows in one transaction, each as a guarded update that expects the
/// (proc_stage, proc_status) read and no running job (<see cref="ProcRowTransitions.CorrectAsync"/>): a row that
/// changed meanwhile is skipped and reported.
/// </summary>
public sealed class ConsistencyApplier(SatDbFactory factory, TimeProvider time)
{
    public async Task<List<ConsistencyRow>> ApplyAsync(string frameId, IReadOnlyList<ConsistencyRow> rows, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var transitions = new ProcRowTransitions(db, now);
        var result = rows.ToArray();
        // Rows before the frame: the time series' first date is taken from the ifg rows as they are after this run.
        foreach (var i in Enumerable.Range(0, rows.Count).Where(i => rows[i].WantsChange).OrderBy(i => rows[i].Table == TargetTables.Frames))
        {
            var row = rows[i];
            var target = new ProcTarget(row.Table, row.TargetId, row.FrameId);
            if (await transitions.CorrectAsync(target, row.Database, row.Target!.Value, ct) == 1)
            {
                // A pending job of the old stage is no longer due; the daemon's next job list makes the right one.
                await PendingJobsTable.DeleteOfTargetAsync(await EfJobSql.OfAsync(db, ct), row.Table, frameId, row.TargetId, ct);
                result[i] = row with { Applied = true };
            }
            else
            {
                result[i] = row with { Action = ConsistencyAction.ChangedMeanwhile, Note = "row changed since it was read: skipped" };
            }
        }
        if (result.Any(r => r.Applied)) await DaemonFlags.RequestJobListAsync(db, frameId, ct);
        await tx.CommitAsync(ct);
        return [.. result];
    }
}
