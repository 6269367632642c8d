using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Jobs;

/// <summary>Puts the target rows of selected failures back to waiting, inside the caller's transaction (ctl retry).</summary>
internal sealed class FailureRetrier(SatDbContext db, DateTime now)
{
    /// <param name="jobId">The job id of the failed run, not the failed_jobs row id. Null filters select every value; they combine (AND).</param>
    public async Task<int> RetryAsync(string? frameId, string? jobType, long? jobId, CancellationToken ct)
    {
        var q = db.FailedJobs.Where(j => !j.Retried);
        if (frameId is { } frame) q = q.Where(j => j.FrameId == frame);
        if (jobType is { } type) q = q.Where(j => j.JobType == type);
        if (jobId is { } id) q = q.Where(j => j.JobId == id);
        var failures = await q.ToListAsync(ct);

        var reset = 0;
        // A row that failed several times has several failed_jobs rows; it goes back to waiting once.
        foreach (var target in failures.Select(j => (j.TargetTable, j.TargetId, j.FrameId)).Distinct())
            reset += await ResetAsync(target.TargetTable, target.TargetId, target.FrameId, ct);
        await FailedJobsTable.MarkRetriedAsync(await EfJobSql.OfAsync(db, ct), failures.Select(f => f.Id).ToList(), ct);
        return reset;
    }

    /// <summary>Guarded: only a row still failed goes to waiting; one already retried or running is left alone.</summary>
    private Task<int> ResetAsync(string table, long targetId, string frameId, CancellationToken ct) => table switch
    {
        TargetTables.Master or TargetTables.Ifg or TargetTables.RsarIfg or TargetTables.Frames =>
            new ProcRowTransitions(db, now).RetryFailedAsync(new ProcTarget(table, targetId, frameId), ct),
        _ => throw new InvalidOperationException($"failed job of frame {frameId} names unknown target table '{table}'"),
    };
}
