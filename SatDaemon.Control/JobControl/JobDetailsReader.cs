using SatDaemon.Database;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.ReadModels;

namespace SatDaemon.Control;

/// <summary>Shapes one job for ctl show and ctl log from what running_jobs, failed_jobs and job_events hold; writes nothing.</summary>
internal sealed class JobDetailsReader(SatDbFactory factory)
{
    public async Task<JobDetails> ReadAsync(long jobId, CancellationToken ct)
    {
        var rows = await new JobRowQueries(factory).ReadAsync(jobId, ct);
        var events = rows.Events.Select(e => new JobEventLine(Utc(e.Time), e.Kind, e.Machine, e.Message)).ToList();
        var launchEvent = events.FirstOrDefault(e => e.Kind == JobEventKinds.Launched);
        var launched = launchEvent?.Time;

        if (rows.Running is { } r)
            return new JobDetails(r.Id, r.StopRequestedAt is not null || r.CancelRequestedAt is not null ? "STOPPING" : "RUNNING",
                r.FrameId, r.JobType, r.StageName, r.Date, r.Date2, r.Machine, r.Pid, r.Cpus, r.Memory, r.Disk,
                Utc(r.QueuedAt), Utc(r.StartedAt), null, null, r.StopReason, r.LogPath, r.Progress, r.CancelRequestedBy, events, r.SoftwareVersion);

        if (events.Count == 0) throw new NotFoundException($"no job {jobId}: neither running nor in job_events");
        var failure = rows.LastFailure;
        // The last event that ends a job says how it ended; without one (an old or partial trail) the state is unknown.
        var end = events.LastOrDefault(e => e.Kind is JobEventKinds.Finished or JobEventKinds.Failed or JobEventKinds.Cancelled);
        var state = end?.Kind switch
        {
            JobEventKinds.Finished => "COMPLETED",
            JobEventKinds.Failed => "FAILED",
            JobEventKinds.Cancelled => "CANCELLED",
            _ => "UNKNOWN",
        };
        // The launch event reads "TYPE FRAME DATE STAGE; log PATH" (JobStore.ClaimAsync).
        var launchText = launchEvent?.Message ?? "";
        var marker = launchText.IndexOf(JobStore.LaunchedLogMarker, StringComparison.Ordinal);
        var logPath = marker < 0 ? null : launchText[(marker + JobStore.LaunchedLogMarker.Length)..];
        var jobType = failure?.JobType ?? (launchText.Length > 0 ? launchText.Split(' ', 2)[0] : null);
        return new JobDetails(jobId, state, failure?.FrameId ?? rows.FirstFrameId, jobType, failure?.StageName, failure?.Date, failure?.Date2,
            failure?.Machine ?? rows.FirstMachine, null, null, null, null, null, launched, end?.Time, failure?.ExitCode, failure?.Error,
            logPath, null, null, events, rows.EndedVersion);
    }

    // SQLite hands DateTime back unspecified; everything is written as UTC.
    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
