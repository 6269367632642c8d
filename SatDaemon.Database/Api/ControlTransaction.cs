using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Audit;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Api;

/// <summary>
/// What an operator's change (SatDaemonController: ctl and the console) may read and write inside its one transaction,
/// named as operations, so that the controller decides and the persistence project alone speaks EF. Each write goes
/// through the table's one writer (FrameSettings via the tracked frame, OperatorRequests, DaemonFlags, AuditLog,
/// FailureRetrier); nothing is saved until <see cref="SatDatabase.ControlAsync{TResult}"/> commits the whole.
/// </summary>
public sealed class ControlTransaction(SatDbContext db, Actor actor, TimeProvider time)
{
    /// <summary>The time the change is recorded at.</summary>
    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The frame, tracked: settings changed on it (through FrameSettings) are saved with the transaction.</summary>
    public async Task<Frame?> FindFrameAsync(string frameId, CancellationToken ct) =>
        await db.Frames.SingleOrDefaultAsync(f => f.Id == frameId, ct);

    public async Task<bool> PowerDownRequestedAsync(CancellationToken ct) =>
        await db.DaemonTools.AsNoTracking().Select(d => (bool?)d.PowerDown).FirstOrDefaultAsync(ct) ?? false;

    public Task RequestPowerDownAsync(CancellationToken ct) => DaemonFlags.RequestPowerDownAsync(db, ct);

    /// <summary>The daemon rebuilds this frame's part of the job list at its next pass.</summary>
    public Task RequestJobListAsync(string frameId, CancellationToken ct) => DaemonFlags.RequestJobListAsync(db, frameId, ct);

    /// <summary>The daemon rebuilds the whole job list at its next pass (drains, retries across frames).</summary>
    public Task RequestJobListAsync(CancellationToken ct) => DaemonFlags.RequestJobListAsync(db, ct);

    /// <summary>An audit_log row saved with the change it records.</summary>
    public void Audit(string action, string target, string? before, string? after, string? frameId) =>
        new AuditLog(db, actor, Now).Record(action, target, before, after, frameId);

    public async Task<RunningJob?> RunningJobAsync(long jobId, CancellationToken ct) =>
        await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);

    /// <summary>Whether the job ever existed (it has events), to tell "ended" from "no such job".</summary>
    public Task<bool> HasEventsAsync(long jobId, CancellationToken ct) => db.JobEvents.AnyAsync(e => e.JobId == jobId, ct);

    /// <summary>ctl cancel, hold, release, drain, resume.</summary>
    public OperatorRequests Requests => new(db, Now);

    /// <summary>ctl retry: failed rows back to waiting, their failed_jobs rows marked retried. Returns how many rows went back.</summary>
    public Task<int> RetryFailuresAsync(string? frameId, string? jobType, long? jobId, CancellationToken ct) =>
        new FailureRetrier(db, Now).RetryAsync(frameId, jobType, jobId, ct);
}
