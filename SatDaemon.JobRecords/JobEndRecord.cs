using SatDaemon.JobProtocol;

namespace SatDaemon.JobRecords;

/// <summary>
/// The end of a job, as plain SQL inside the caller's transaction: JobStore (the .NET JobLogger, the daemon settling a
/// spool or recording a lost job) runs it on EF's connection, the native job exec on its own, so a job's end is
/// recorded by the same statements whoever records it. Whoever takes the running_jobs row (the guarded delete) records
/// the end, once: success advances (or completes) the row's stage; failure writes failed_jobs and fails the row, or
/// sends it back to waiting with a retry pending after <see cref="RetryBackoff"/>; a job an operator cancelled is held.
/// Each end keeps its event, the run's job_usage row, and marks the frame for the daemon's next job list.
/// </summary>
public static class JobEndRecord
{
    public const string FinishedEvent = "finished";
    public const string FailedEvent = "failed";
    public const string CancelledEvent = "cancelled";
    public const string WarningEvent = "warning";
    public const string OverBudgetEvent = "over_budget";

    /// <summary>Success: the row's stage advances (or completes) and the job's resources are freed, once.</summary>
    public static async Task<JobEndResult> RecordSuccessAsync(JobSql sql, long jobId, JobUsage? usage, int overBudgetMargin, DateTime now,
        CancellationToken ct)
    {
        if (await RunningJobsTable.TakeAsync(sql, jobId, ct) is not { } job) return JobEndResult.AlreadyEnded;
        var last = Convert.ToInt32(await sql.ScalarAsync($"SELECT COUNT(*) FROM {StageTable(job.TargetTable)}", ct), System.Globalization.CultureInfo.InvariantCulture);
        if (await ProcRowStates.CompleteStageAsync(sql, job.TargetTable, job.TargetId, job.FrameId, job.Stage, last, now, ct) == 0)
            await EventAsync(sql, job, WarningEvent, $"{job.TargetTable} row {job.TargetId} was no longer running at stage {job.Stage}; its state was left as it is",
                null, now, ct);
        else await ProcRowStates.RecordStageVersionAsync(sql, job.TargetTable, job.TargetId, job.FrameId, job.Stage, job.SoftwareVersion, job.Id, now, ct);
        await EventAsync(sql, job, FinishedEvent, $"{job.JobType} {Describe(job)} ok{VersionNote(job)}", job.JobType, now, ct);
        await AddUsageAsync(sql, job, success: true, usage, overBudgetMargin, now, ct);
        await JobListDirtyFrames.MarkAsync(sql, job.FrameId, ct);
        return new JobEndResult(JobEndKind.Recorded, job);
    }

    /// <summary>
    /// Failure: failed_jobs row, proc_status failed (or back to waiting with a delayed pending job while
    /// <paramref name="retriesAllowed"/> remain), resources freed, once. A job an operator cancelled ends as cancelled.
    /// </summary>
    public static async Task<JobEndResult> RecordFailureAsync(JobSql sql, long jobId, int? exitCode, string error, string? logTail, int retriesAllowed,
        JobUsage? usage, int overBudgetMargin, DateTime now, CancellationToken ct)
    {
        if (await RunningJobsTable.TakeAsync(sql, jobId, ct) is not { } job) return JobEndResult.AlreadyEnded;
        await AddUsageAsync(sql, job, success: false, usage, overBudgetMargin, now, ct);
        // An operator's cancel is not a failure: however the command ended once stopped, it is recorded as cancelled.
        if (job.CancelRequestedAt is not null) return await RecordCancelledAsync(sql, job, exitCode, error, now, ct);
        var retry = job.Attempt < retriesAllowed;
        // A job the daemon stopped failed for the daemon's reason; how its command ended is the detail.
        if (job.StopReason is { } stopped) error = error == stopped ? stopped : $"{stopped} ({error})";
        var failure = new FailedJobRow(job.Id, job.FrameId, job.JobType, job.TargetTable, job.TargetId, job.Stage, job.Date, job.Date2, job.StageName,
            job.Machine, exitCode, Truncate(error, 4000), logTail is null ? null : Truncate(logTail, 8000), now, job.Attempt, retry,
            job.SoftwareVersion, usage);
        await FailedJobsTable.InsertAsync(sql, failure, ct);
        await ProcRowStates.FailAsync(sql, job.TargetTable, job.TargetId, job.FrameId, job.Stage, retry, now, ct);
        if (retry)
        {
            // The retry keeps its priority and its stage's rank (the stage table's, as the job list gives it), and
            // waits out a backoff. The job list keeps such rows as they are, so a wrong rank here would stay.
            var rank = await sql.ScalarAsync($"SELECT rank FROM {StageTable(job.TargetTable)} WHERE \"order\" = @stage", ct, ("stage", job.Stage))
                ?? throw new InvalidOperationException($"{job.TargetTable} has no stage {job.Stage}");
            await PendingJobsTable.InsertAsync(sql, new PendingJobRow(job.FrameId, job.JobType, job.TargetTable, job.TargetId, job.Stage, job.StageName,
                Convert.ToInt32(rank, System.Globalization.CultureInfo.InvariantCulture), job.Date, job.Date2, job.Priority, now,
                job.Attempt + 1, now + RetryBackoff.For(job.Attempt + 1)), ct);
        }
        var what = exitCode is { } c ? $"exit code {c}" : "no exit code";
        await EventAsync(sql, job, FailedEvent,
            $"{job.JobType} {Describe(job)} failed ({what}{VersionNote(job, ", ", "")}): {Truncate(error, 500)}{(retry ? " - will retry" : "")}", job.JobType, now, ct);
        await JobListDirtyFrames.MarkAsync(sql, job.FrameId, ct);
        return new JobEndResult(JobEndKind.Recorded, job, failure, retry);
    }

    /// <summary>
    /// ctl cancel: the running row already taken, the row is held at its stage (not failed, not retried), the event
    /// says who cancelled it, and no failed_jobs row is written.
    /// </summary>
    private static async Task<JobEndResult> RecordCancelledAsync(JobSql sql, EndedJob job, int? exitCode, string error, DateTime now, CancellationToken ct)
    {
        await ProcRowStates.HoldCancelledAsync(sql, job.TargetTable, job.TargetId, job.FrameId, job.Stage, now, ct);
        var how = exitCode is { } c ? $"exit code {c}" : "no exit code";
        await EventAsync(sql, job, CancelledEvent,
            $"{job.JobType} {Describe(job)} cancelled by {job.CancelRequestedBy ?? "?"} ({how}: {Truncate(error, 300)}); row held", job.JobType, now, ct);
        await JobListDirtyFrames.MarkAsync(sql, job.FrameId, ct);
        return new JobEndResult(JobEndKind.Cancelled, job);
    }

    /// <summary>The run's job_usage row and, if it took more than its budget by over_budget_margin, its over_budget event.</summary>
    private static async Task AddUsageAsync(JobSql sql, EndedJob job, bool success, JobUsage? usage, int margin, DateTime now, CancellationToken ct)
    {
        if (usage is null) return;
        await sql.ExecuteAsync(
            "INSERT INTO job_usage (job_id, frame_id, job_type, stage_name, machine, ended_at, success, wall_s, cpu_s, mean_cores, peak_rss_mb, " +
            "read_mb, write_mb, budget_cpus, budget_memory, budget_disk, software_version) VALUES (@job, @frame, @type, @stage, @machine, @now, " +
            "@success, @wall, @cpu, @cores, @peak, @read, @write, @cpus, @memory, @disk, @version)", ct,
            ("job", job.Id), ("frame", job.FrameId), ("type", job.JobType), ("stage", job.StageName), ("machine", job.Machine), ("now", now),
            ("success", success), ("wall", usage.WallSeconds), ("cpu", usage.CpuSeconds), ("cores", usage.MeanCores), ("peak", usage.PeakRssMb),
            ("read", usage.ReadMb), ("write", usage.WriteMb), ("cpus", job.Cpus), ("memory", job.Memory), ("disk", job.Disk),
            ("version", job.SoftwareVersion));
        if (BudgetOverrun.Check(usage, job.Cpus, job.Memory, margin) is { } overrun)
            await EventAsync(sql, job, OverBudgetEvent, $"{job.JobType} {Describe(job)} over budget: {overrun}", job.JobType, now, ct);
    }

    private static Task<int> EventAsync(JobSql sql, EndedJob job, string kind, string message, string? jobType, DateTime now, CancellationToken ct) =>
        sql.ExecuteAsync("INSERT INTO job_events (job_id, kind, frame_id, machine, job_type, message, time) VALUES (@job, @kind, @frame, @machine, " +
            "@type, @message, @now)", ct,
            ("job", job.Id), ("kind", kind), ("frame", job.FrameId), ("machine", job.Machine), ("type", jobType), ("message", Truncate(message, 2000)),
            ("now", now));

    /// <summary>The stage table of a target table's chain (its rows are the chain's stages, "order" from 1).</summary>
    private static string StageTable(string targetTable) => targetTable switch
    {
        "master" => "master_proc_stages",
        "ifg" => "ifg_proc_stages",
        "rsar_ifg" => "rsar_ifg_proc_stages",
        ProcRowStates.TimeSeriesTable => "frame_proc_stages",
        _ => throw new ArgumentException($"unknown target table '{targetTable}'", nameof(targetTable)),
    };

    /// <summary>The version the run ran with, for its end event ("{before}version 2.0{after}"), or nothing when none was configured.</summary>
    private static string VersionNote(EndedJob j, string before = " (", string after = ")") =>
        j.SoftwareVersion is { } v ? $"{before}version {v}{after}" : "";

    private static string Describe(EndedJob j) => JobDescription.Of(j.FrameId, j.TargetTable, j.Date, j.Date2, j.StageName);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>What recording a job's end did (see <see cref="JobEndRecord"/>); Job is the running row as taken.</summary>
public sealed record JobEndResult(JobEndKind Kind, EndedJob? Job, FailedJobRow? Failure = null, bool WillRetry = false)
{
    public static readonly JobEndResult AlreadyEnded = new(JobEndKind.AlreadyEnded, null);
}

public enum JobEndKind { Recorded, AlreadyEnded, Cancelled }
