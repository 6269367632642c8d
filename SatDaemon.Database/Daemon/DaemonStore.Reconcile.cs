using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Daemon;

// Step 1 of a pass (and step 6, record): running_jobs read, and job ends recorded, guarded by JobStore.
public sealed partial class DaemonStore
{
    public async Task<IReadOnlyList<RunningJobRecord>> RunningJobsAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        var rows = await db.RunningJobs.AsNoTracking().ToListAsync(ct);
        return rows.Select(RunningJobRecord.From).ToList();
    }

    /// <summary>The job's running row now; null when its end has been recorded (by the JobLogger, perhaps a moment ago).</summary>
    public async Task<RunningJobRecord?> FindRunningAsync(long jobId, CancellationToken ct) =>
        await _jobs.FindRunningAsync(jobId, ct) is { } row ? RunningJobRecord.From(row) : null;

    public async Task<JobEnd> RecordSuccessAsync(long jobId, CancellationToken ct) =>
        JobEnd.From(await _jobs.RecordSuccessAsync(jobId, ct));

    public async Task<JobEnd> RecordFailureAsync(long jobId, int? exitCode, string error, string? logTail, int retriesAllowed, CancellationToken ct) =>
        JobEnd.From(await _jobs.RecordFailureAsync(jobId, exitCode, error, logTail, retriesAllowed, ct));

    /// <summary>A claimed job that provably never started goes back to waiting. False when it started after all, or ended.</summary>
    public Task<bool> RevertUnstartedAsync(long jobId, string reason, CancellationToken ct) => _jobs.RevertUnstartedAsync(jobId, reason, ct);

    /// <summary>A job found running at daemon start is kept, and the audit trail says so.</summary>
    public Task RecordAdoptedAsync(long jobId, string frameId, string machine, string message, CancellationToken ct) =>
        _jobs.AddEventAsync(jobId, JobEventKinds.Adopted, frameId, machine, message, ct);
}
