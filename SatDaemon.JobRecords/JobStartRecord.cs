namespace SatDaemon.JobRecords;

/// <summary>
/// The start of a job, as job exec reports it before its command runs: the guarded running_jobs update (pid and first
/// report time) and, once, the "running" event. The native job exec runs it on its own connection, JobStore (the .NET
/// JobLogger) inside its transaction: one copy of the logic for both.
/// </summary>
public static class JobStartRecord
{
    /// <summary>The job_events kind of a start (JobEventKinds.Running).</summary>
    public const string RunningEvent = "running";

    /// <summary>False when the job is not running (unknown, or its end already recorded): the command must not run then.</summary>
    public static async Task<bool> MarkStartedAsync(JobSql sql, long jobId, int pid, DateTime now, CancellationToken ct)
    {
        if (await RunningJobsTable.MarkReportedAsync(sql, jobId, pid, now, ct) == 0) return false;
        // A retry after a lost commit acknowledgement (database outage) must not log the start twice.
        if (!await sql.AnyAsync("SELECT 1 FROM job_events WHERE job_id = @id AND kind = @kind", ct, ("id", jobId), ("kind", RunningEvent)))
            await sql.ExecuteAsync("INSERT INTO job_events (job_id, kind, message, time) VALUES (@id, @kind, @message, @now)", ct,
                ("id", jobId), ("kind", RunningEvent), ("message", $"pid {pid}"), ("now", now));
        return true;
    }
}
