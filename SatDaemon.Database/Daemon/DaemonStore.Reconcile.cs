using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;

namespace SatDaemon.Database.Daemon;

// Step 1 of a pass (and step 6, record): running_jobs read, and job ends recorded, guarded by JobStore.
public sealed partial class DaemonStore
{
    public async Task<IReadOnlyList<RunningJobRecord>> RunningJobsAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        var rows = await db.RunningJobs.AsNoTracking().ToListAsync(ct);
        // When each reported job's command started: its `running` event, which job exec's first report writes once
        // (MarkStartedAsync). A job's timeout counts from it (RunningJobState.CommandStartedAt).
        var reported = rows.Where(r => r.LastReportAt is not null).Select(r => r.Id).ToList();
        var started = reported.Count == 0 ? [] : await db.JobEvents.AsNoTracking()
            .Where(e => e.Kind == JobEventKinds.Running && reported.Contains(e.JobId))
            .GroupBy(e => e.JobId)
            .Select(g => new { JobId = g.Key, At = g.Min(e => e.Time) })
            .ToDictionaryAsync(x => x.JobId, x => x.At, ct);
        return rows.Select(r => RunningJobRecord.From(r) with
        {
            CommandStartedAt = started.TryGetValue(r.Id, out var at) ? Utc.Of(at) : null,
        }).ToList();
    }

    /// <summary>The job's running row now; null when its end has been recorded (by the JobLogger, perhaps a moment ago).</summary>
    public async Task<RunningJobRecord?> FindRunningAsync(long jobId, CancellationToken ct) =>
        await _jobs.FindRunningAsync(jobId, ct) is { } row ? RunningJobRecord.From(row) : null;

    public async Task<JobEnd> RecordSuccessAsync(long jobId, CancellationToken ct) =>
        JobEnd.From(await _jobs.RecordSuccessAsync(jobId, ct));

    public async Task<JobEnd> RecordFailureAsync(long jobId, int? exitCode, string error, string? logTail, int retriesAllowed, CancellationToken ct) =>
        JobEnd.From(await _jobs.RecordFailureAsync(jobId, exitCode, error, logTail, retriesAllowed, ct));

    /// <summary>
    /// An end from job exec's outcome spool file, with what the run took (job_usage; over_budget beyond
    /// <paramref name="overBudgetMargin"/> percent), as job exec would have recorded it.
    /// </summary>
    public async Task<JobEnd> RecordSpooledEndAsync(long jobId, JobOutcomeFile outcome, int retriesAllowed, int overBudgetMargin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var jobs = new JobStore(_factory, _time) { OverBudgetMargin = overBudgetMargin };
        return JobEnd.From(outcome.Success
            ? await jobs.RecordSuccessAsync(jobId, outcome.Usage, ct)
            : await jobs.RecordFailureAsync(jobId, outcome.ExitCode, outcome.Error ?? "failed", outcome.LogTail, retriesAllowed, outcome.Usage, ct));
    }

    /// <summary>A claimed job that provably never started goes back to waiting. False when it started after all, or ended.</summary>
    public Task<bool> RevertUnstartedAsync(long jobId, string reason, CancellationToken ct) => _jobs.RevertUnstartedAsync(jobId, reason, ct);

    /// <summary>A job found running at daemon start is kept, and the audit trail says so.</summary>
    public Task RecordAdoptedAsync(long jobId, string frameId, string machine, string message, CancellationToken ct) =>
        _jobs.AddEventAsync(jobId, JobEventKinds.Adopted, frameId, machine, message, ct);
}
