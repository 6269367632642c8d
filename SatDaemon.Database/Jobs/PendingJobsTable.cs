using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of pending_jobs. Each operation is one statement (or one batch) inside the caller's context and
/// transaction, so it commits with the change it belongs to; guarded deletes return how many rows they took, and zero
/// means another writer got there first. Who calls what: the job list (<c>JobListBuilder</c>: insert, delete stale,
/// priorities), the daemon (<c>DaemonStore</c>: wait reasons; <see cref="JobStore"/>: claim, retry, power-down), ctl
/// (<see cref="OperatorRequests"/>: cancel a pending job), set-master (<c>MasterChange</c>) and consistency fixes
/// (<c>ConsistencyApplier</c>).
/// </summary>
internal static class PendingJobsTable
{
    /// <summary>Takes one pending job (a claim, a ctl cancel): 1 when this caller took it, 0 when it was gone.</summary>
    public static Task<int> TakeAsync(SatDbContext db, long pendingId, CancellationToken ct) =>
        db.PendingJobs.Where(p => p.Id == pendingId).ExecuteDeleteAsync(ct);

    /// <summary>A retry after a failure, saved with the caller's SaveChanges.</summary>
    public static void AddRetry(SatDbContext db, PendingJob retry) => db.PendingJobs.Add(retry);

    /// <summary>Power-down: every pending job goes. Returns how many.</summary>
    public static Task<int> DeleteAllAsync(SatDbContext db, CancellationToken ct) => db.PendingJobs.ExecuteDeleteAsync(ct);

    /// <summary>A consistency fix moved the row's stage: its pending job (of the old stage) is no longer due.</summary>
    public static Task<int> DeleteOfTargetAsync(SatDbContext db, string table, string frameId, long targetId, CancellationToken ct) =>
        db.PendingJobs.Where(p => p.TargetTable == table && p.FrameId == frameId && p.TargetId == targetId).ExecuteDeleteAsync(ct);

    /// <summary>set-master: the frame's pending jobs may target rows that changed stage or vanished.</summary>
    public static Task<int> DeleteOfFrameAsync(SatDbContext db, string frameId, CancellationToken ct) =>
        db.PendingJobs.Where(p => p.FrameId == frameId).ExecuteDeleteAsync(ct);

    /// <summary>The job list's stale rows (at most 1000 ids a call). Returns how many went.</summary>
    public static Task<int> DeleteAsync(SatDbContext db, long[] ids, CancellationToken ct) =>
        db.PendingJobs.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);

    /// <summary>The job list's rows whose frame priority changed.</summary>
    public static Task<int> SetPriorityAsync(SatDbContext db, List<long> ids, int priority, CancellationToken ct) =>
        db.PendingJobs.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.Priority, priority), ct);

    /// <summary>Why these jobs wait (at most 1000 ids a call); only rows whose reason changed are touched.</summary>
    public static Task<int> SetWaitReasonAsync(SatDbContext db, long[] ids, string reason, string detail, CancellationToken ct) =>
        db.PendingJobs.Where(p => ids.Contains(p.Id) && (p.WaitReason == null || p.WaitReason != reason || p.WaitDetail == null || p.WaitDetail != detail))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.WaitReason, reason).SetProperty(p => p.WaitDetail, detail), ct);

    /// <summary>
    /// Adds new job-list rows in bulk, inside the caller's transaction. On PostgreSQL one set-based statement (each column
    /// an array parameter, rows made by <c>unnest</c>): EF's SaveChanges tracked 10^4 entities and sent them in batches of
    /// INSERTs (2.3 s quiet for a first rebuild), and nothing here needs tracking or the new ids. SQLite keeps EF's batched
    /// SaveChanges: it runs in-process, with no round trips to save, and holds the demo's few hundred jobs.
    /// </summary>
    public static async Task InsertAsync(SatDbContext db, bool sqlite, IReadOnlyList<PendingJob> jobs, CancellationToken ct)
    {
        if (jobs.Count == 0) return;
        if (sqlite)
        {
            db.PendingJobs.AddRange(jobs);
            await db.SaveChangesAsync(ct);
        }
        else await InsertPostgresAsync(db, jobs, ct);
    }

    private static Task InsertPostgresAsync(SatDbContext db, IReadOnlyList<PendingJob> jobs, CancellationToken ct)
    {
        var frame = jobs.Select(j => j.FrameId).ToArray();
        var type = jobs.Select(j => j.JobType).ToArray();
        var table = jobs.Select(j => j.TargetTable).ToArray();
        var target = jobs.Select(j => j.TargetId).ToArray();
        var stage = jobs.Select(j => j.Stage).ToArray();
        var stageName = jobs.Select(j => j.StageName).ToArray();
        var rank = jobs.Select(j => j.StageRank).ToArray();
        var date = jobs.Select(j => j.Date).ToArray();
        var date2 = jobs.Select(j => j.Date2).ToArray();
        var priority = jobs.Select(j => j.Priority).ToArray();
        var queued = jobs.Select(j => DateTime.SpecifyKind(j.QueuedAt, DateTimeKind.Utc)).ToArray();
        var attempt = jobs.Select(j => j.Attempt).ToArray();
        var notBefore = jobs.Select(j => j.NotBefore is { } n ? DateTime.SpecifyKind(n, DateTimeKind.Utc) : (DateTime?)null).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO pending_jobs (frame_id, job_type, target_table, target_id, stage, stage_name, stage_rank, date, date2,
                                      priority, queued_at, attempt, not_before)
            SELECT * FROM unnest({frame}, {type}, {table}, {target}, {stage}, {stageName}, {rank}, {date}, {date2},
                                 {priority}, {queued}, {attempt}, {notBefore})
            """, ct);
    }
}
