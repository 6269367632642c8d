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
    public static Task<bool> MarkStartedAsync(JobSql sql, long jobId, int pid, DateTime now, CancellationToken ct) =>
        MarkStartedAsync(sql, jobId, pid, now, _ => null, ct);

    /// <param name="versionOf">
    /// The software version of a job type's runs, as job exec finds it now on this machine (the job type's version, or
    /// its version_file read here): kept on the running row and in the start event, and carried to the end's records.
    /// </param>
    public static async Task<bool> MarkStartedAsync(JobSql sql, long jobId, int pid, DateTime now, Func<string, string?> versionOf, CancellationToken ct)
    {
        if (await sql.ScalarAsync("SELECT job_type FROM running_jobs WHERE id = @id", ct, ("id", jobId)) is not string jobType) return false;
        var version = versionOf(jobType);
        if (await RunningJobsTable.MarkReportedAsync(sql, jobId, pid, now, version, ct) == 0) return false;
        // A retry after a lost commit acknowledgement (database outage) must not log the start twice.
        if (!await sql.AnyAsync("SELECT 1 FROM job_events WHERE job_id = @id AND kind = @kind", ct, ("id", jobId), ("kind", RunningEvent)))
            await sql.ExecuteAsync("INSERT INTO job_events (job_id, kind, message, time) VALUES (@id, @kind, @message, @now)", ct,
                ("id", jobId), ("kind", RunningEvent), ("message", version is null ? $"pid {pid}" : $"pid {pid}, version {version}"), ("now", now));
        return true;
    }
}
