using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of running_jobs. Each operation is one statement inside the caller's context and transaction;
/// guarded ones name the state they expect and return how many rows changed, zero meaning the job ended (or another
/// writer got there first). Called by <see cref="JobStore"/> (claim, reports, stop, end, revert) and
/// <see cref="OperatorRequests"/> (ctl cancel).
/// </summary>
internal static class RunningJobsTable
{
    /// <summary>A claim's new row, saved with the caller's SaveChanges.</summary>
    public static void Add(SatDbContext db, RunningJob job) => db.RunningJobs.Add(job);

    public static Task<int> SetPidAsync(SatDbContext db, long jobId, int pid, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Pid, pid), ct);

    public static Task<int> SetSlurmJobIdAsync(SatDbContext db, long jobId, long slurmJobId, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.SlurmJobId, slurmJobId), ct);

    /// <summary>job exec's first report: the pid it runs as and the report time (which marks the job as started).</summary>
    public static Task<int> MarkReportedAsync(SatDbContext db, long jobId, int pid, DateTime now, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Pid, pid).SetProperty(j => j.LastReportAt, now), ct);

    /// <summary>A progress report: percent (when given), message, report time.</summary>
    public static Task<int> ReportProgressAsync(SatDbContext db, long jobId, double? percent, string? message, DateTime now, CancellationToken ct) =>
        percent is { } p
            ? db.RunningJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Progress, Math.Clamp(p, 0, 100)).SetProperty(j => j.Message, message).SetProperty(j => j.LastReportAt, now), ct)
            : db.RunningJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Message, message).SetProperty(j => j.LastReportAt, now), ct);

    public static Task<int> SetMessageAsync(SatDbContext db, long jobId, string message, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Message, message), ct);

    /// <summary>The end: the guard that records a job's end once (whoever deletes the row records it).</summary>
    public static Task<int> DeleteAsync(SatDbContext db, long jobId, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId).ExecuteDeleteAsync(ct);

    /// <summary>A claim that never started: deleted only while job exec has not reported, so of a late start and this, one wins.</summary>
    public static Task<int> DeleteUnreportedAsync(SatDbContext db, long jobId, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId && j.LastReportAt == null).ExecuteDeleteAsync(ct);

    /// <summary>The daemon stops the job: reason and SIGTERM time, only when no stop is on the row yet.</summary>
    public static Task<int> RequestStopAsync(SatDbContext db, long jobId, string reason, DateTime now, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId && j.StopRequestedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.StopReason, reason).SetProperty(j => j.StopRequestedAt, now), ct);

    public static Task<int> MarkKillSentAsync(SatDbContext db, long jobId, DateTime now, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.KillSentAt, now), ct);

    /// <summary>ctl cancel: who and when, only when no cancel is on the row yet.</summary>
    public static Task<int> RequestCancelAsync(SatDbContext db, long jobId, string user, DateTime now, CancellationToken ct) =>
        db.RunningJobs.Where(j => j.Id == jobId && j.CancelRequestedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequestedAt, now).SetProperty(j => j.CancelRequestedBy, user), ct);
}
