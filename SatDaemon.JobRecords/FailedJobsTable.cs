namespace SatDaemon.JobRecords;

/// <summary>
/// The one writer of failed_jobs, as plain SQL over the caller's connection and transaction: a failure recorded with a
/// job's end (<see cref="JobEndRecord"/>, from JobStore or the native job exec), and failures marked retried by ctl
/// retry (SatDaemon.Control's FailureRetrier).
/// </summary>
public static class FailedJobsTable
{
    public static Task<int> InsertAsync(JobSql sql, FailedJobRow f, CancellationToken ct) =>
        sql.ExecuteAsync(
            "INSERT INTO failed_jobs (job_id, frame_id, job_type, target_table, target_id, stage, date, date2, stage_name, machine, exit_code, " +
            "error, log_tail, failed_at, attempt, retried, software_version, wall_s, cpu_s, peak_rss_mb, read_mb, write_mb) VALUES (@job, @frame, " +
            "@type, @table, @target, @stage, @date, @date2, @stage_name, @machine, @exit, @error, @tail, @at, @attempt, @retried, @version, " +
            "@wall, @cpu, @peak, @read, @write)", ct,
            ("job", f.JobId), ("frame", f.FrameId), ("type", f.JobType), ("table", f.TargetTable), ("target", f.TargetId), ("stage", f.Stage),
            ("date", f.Date), ("date2", f.Date2), ("stage_name", f.StageName), ("machine", f.Machine), ("exit", f.ExitCode), ("error", f.Error),
            ("tail", f.LogTail), ("at", f.FailedAt), ("attempt", f.Attempt), ("retried", f.Retried), ("version", f.SoftwareVersion),
            ("wall", f.Usage?.WallSeconds), ("cpu", f.Usage?.CpuSeconds), ("peak", f.Usage?.PeakRssMb), ("read", f.Usage?.ReadMb),
            ("write", f.Usage?.WriteMb));

    /// <summary>ctl retry: these failures (by failed_jobs id) are retried. Returns how many rows changed.</summary>
    public static async Task<int> MarkRetriedAsync(JobSql sql, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var n = 0;
        foreach (var chunk in ids.Chunk(1000))
        {
            var (list, parameters) = JobSql.InList("id", chunk);
            n += await sql.ExecuteAsync($"UPDATE failed_jobs SET retried = @retried WHERE id IN ({list})", ct, [.. parameters, ("retried", true)]);
        }
        return n;
    }
}

/// <summary>A failure as failed_jobs keeps it: the job's identity, how it ended, and what the run took until then (null: not measured).</summary>
public sealed record FailedJobRow(
    long JobId, string FrameId, string JobType, string TargetTable, long TargetId, int Stage, DateOnly? Date, DateOnly? Date2,
    string StageName, string Machine, int? ExitCode, string Error, string? LogTail, DateTime FailedAt, int Attempt, bool Retried,
    string? SoftwareVersion, JobProtocol.JobUsage? Usage);
