using Microsoft.EntityFrameworkCore.Storage;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

// A job an operator cancelled (ctl cancel) ends here, whoever records its end: job exec once its command is stopped,
// or the daemon once no process of it is left.
public sealed partial class JobStore
{
    /// <summary>
    /// Inside <see cref="RecordFailureAsync"/>'s transaction, the running row already deleted: the row is held at its
    /// stage (not failed, not retried), the event says who cancelled it, and no failed_jobs row is written.
    /// </summary>
    private async Task<JobOutcome> RecordCancelledAsync(SatDbContext db, IDbContextTransaction tx, RunningJob job, int? exitCode,
        string error, CancellationToken ct)
    {
        await Rows(db).HoldCancelledAsync(ProcTarget.Of(job), job.Stage, ct);
        var how = exitCode is { } c ? $"exit code {c}" : "no exit code";
        db.JobEvents.Add(Event(job.Id, JobEventKinds.Cancelled, job.FrameId, job.Machine,
            $"{job.JobType} {Describe(job)} cancelled by {job.CancelRequestedBy ?? "?"} ({how}: {Truncate(error, 300)}); row held", job.JobType));
        await DaemonFlags.RequestJobListAsync(db, job.FrameId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new JobOutcome(JobOutcomeKind.Cancelled, job);
    }
}
