using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;

namespace SatDaemon.Control;

/// <summary>Reads one job for ctl show and ctl log from running_jobs, failed_jobs and job_events; writes nothing.</summary>
internal sealed class JobDetailsReader(SatDbFactory factory)
{
    public async Task<JobDetails> ReadAsync(long jobId, CancellationToken ct)
    {
        await using var db = factory.Create();
        var events = (await db.JobEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Time).ThenBy(e => e.Id).ToListAsync(ct))
            .Select(e => new JobEventLine(Utc(e.Time), e.Kind, e.Machine, e.Message)).ToList();
        var launchEvent = events.FirstOrDefault(e => e.Kind == JobEventKinds.Launched);
        var launched = launchEvent?.Time;

        if (await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct) is { } r)
            return new JobDetails(r.Id, r.StopRequestedAt is not null || r.CancelRequestedAt is not null ? "STOPPING" : "RUNNING",
                r.FrameId, r.JobType, r.StageName, r.Date, r.Date2, r.Machine, r.Pid, r.Cpus, r.Memory, r.Disk,
                Utc(r.QueuedAt), Utc(r.StartedAt), null, null, r.StopReason, r.LogPath, r.Progress, r.CancelRequestedBy, events, r.SoftwareVersion);

        if (events.Count == 0) throw new NotFoundException($"no job {jobId}: neither running nor in job_events");
        var failure = await db.FailedJobs.AsNoTracking().Where(f => f.JobId == jobId).OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
        // The last event that ends a job says how it ended; without one (an old or partial trail) the state is unknown.
        var end = events.LastOrDefault(e => e.Kind is JobEventKinds.Finished or JobEventKinds.Failed or JobEventKinds.Cancelled);
        var state = end?.Kind switch
        {
            JobEventKinds.Finished => "COMPLETED",
            JobEventKinds.Failed => "FAILED",
            JobEventKinds.Cancelled => "CANCELLED",
            _ => "UNKNOWN",
        };
        var first = await db.JobEvents.AsNoTracking().Where(e => e.JobId == jobId && e.FrameId != null).Select(e => new { e.FrameId, e.Machine })
            .FirstOrDefaultAsync(ct);
        // The launch event reads "TYPE FRAME DATE STAGE; log PATH" (JobStore.ClaimAsync).
        var launchText = launchEvent?.Message ?? "";
        var marker = launchText.IndexOf(JobStore.LaunchedLogMarker, StringComparison.Ordinal);
        var logPath = marker < 0 ? null : launchText[(marker + JobStore.LaunchedLogMarker.Length)..];
        var jobType = failure?.JobType ?? (launchText.Length > 0 ? launchText.Split(' ', 2)[0] : null);
        return new JobDetails(jobId, state, failure?.FrameId ?? first?.FrameId, jobType, failure?.StageName, failure?.Date, failure?.Date2,
            failure?.Machine ?? first?.Machine, null, null, null, null, null, launched, end?.Time, failure?.ExitCode, failure?.Error,
            logPath, null, null, events, failure?.SoftwareVersion ?? await EndedVersionAsync(db, jobId, ct));
    }

    /// <summary>An ended job's version: on its job_usage row, or on the stage it completed (until a later run replaces it).</summary>
    private static async Task<string?> EndedVersionAsync(SatDbContext db, long jobId, CancellationToken ct) =>
        await db.JobUsage.AsNoTracking().Where(u => u.JobId == jobId).Select(u => u.SoftwareVersion).FirstOrDefaultAsync(ct)
        ?? await db.StageVersions.AsNoTracking().Where(v => v.JobId == jobId).Select(v => v.Version).FirstOrDefaultAsync(ct);

    // SQLite hands DateTime back unspecified; everything is written as UTC.
    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
