using System.Data.Common;

namespace SatDaemon.JobRecords;

/// <summary>
/// The one writer of running_jobs, as plain SQL over the caller's connection and transaction (<see cref="JobSql"/>): JobStore
/// passes EF's connection and current transaction, the native job exec its own Npgsql or SQLite connection, so both
/// write through the same statements. Each operation is one statement; guarded ones name the state they expect and
/// return how many rows changed, zero meaning the job ended (or another writer got there first).
/// </summary>
public static class RunningJobsTable
{
    /// <summary>A claim's new row (the values of a RunningJob entity, column by column).</summary>
    public static Task<int> InsertAsync(JobSql sql, RunningJobRow row, CancellationToken ct) =>
        sql.ExecuteAsync(
            "INSERT INTO running_jobs (id, stage_name, priority, machine, pid, slurm_job_id, cpus, memory, disk, progress, message, log_path, " +
            "started_at, queued_at, last_report_at, attempt, stop_reason, stop_requested_at, kill_sent_at, cancel_requested_at, cancel_requested_by, " +
            "frame_id, job_type, target_table, target_id, stage, date, date2) VALUES (@id, @stage_name, @priority, @machine, NULL, NULL, @cpus, " +
            "@memory, @disk, NULL, NULL, @log_path, @started_at, @queued_at, NULL, @attempt, NULL, NULL, NULL, NULL, NULL, @frame_id, @job_type, " +
            "@target_table, @target_id, @stage, @date, @date2)", ct,
            ("id", row.Id), ("stage_name", row.StageName), ("priority", row.Priority), ("machine", row.Machine), ("cpus", row.Cpus),
            ("memory", row.Memory), ("disk", row.Disk), ("log_path", row.LogPath), ("started_at", row.StartedAt), ("queued_at", row.QueuedAt),
            ("attempt", row.Attempt), ("frame_id", row.FrameId), ("job_type", row.JobType), ("target_table", row.TargetTable),
            ("target_id", row.TargetId), ("stage", row.Stage), ("date", row.Date), ("date2", row.Date2));

    public static Task<int> SetPidAsync(JobSql sql, long jobId, int pid, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET pid = @pid WHERE id = @id", ct, ("id", jobId), ("pid", pid));

    public static Task<int> SetSlurmJobIdAsync(JobSql sql, long jobId, long slurmJobId, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET slurm_job_id = @slurm WHERE id = @id", ct, ("id", jobId), ("slurm", slurmJobId));

    /// <summary>
    /// job exec's first report: the pid it runs as, the report time (which marks the job as started) and the software
    /// version it runs with (null: none configured).
    /// </summary>
    public static Task<int> MarkReportedAsync(JobSql sql, long jobId, int pid, DateTime now, string? version, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET pid = @pid, last_report_at = @now, software_version = @version WHERE id = @id", ct,
            ("id", jobId), ("pid", pid), ("now", now), ("version", version));

    /// <summary>A progress report: percent (when given, clamped to 0–100), message, report time.</summary>
    public static Task<int> ReportProgressAsync(JobSql sql, long jobId, double? percent, string? message, DateTime now, CancellationToken ct) =>
        percent is { } p
            ? sql.ExecuteAsync("UPDATE running_jobs SET progress = @progress, message = @message, last_report_at = @now WHERE id = @id", ct,
                ("id", jobId), ("progress", Math.Clamp(p, 0, 100)), ("message", message), ("now", now))
            : sql.ExecuteAsync("UPDATE running_jobs SET message = @message, last_report_at = @now WHERE id = @id", ct,
                ("id", jobId), ("message", message), ("now", now));

    public static Task<int> SetMessageAsync(JobSql sql, long jobId, string message, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET message = @message WHERE id = @id", ct, ("id", jobId), ("message", message));

    /// <summary>The end: the guard that records a job's end once (whoever deletes the row records it).</summary>
    public static Task<int> DeleteAsync(JobSql sql, long jobId, CancellationToken ct) =>
        sql.ExecuteAsync("DELETE FROM running_jobs WHERE id = @id", ct, ("id", jobId));

    /// <summary>
    /// The end, taking the row: deleted and returned in one statement (DELETE … RETURNING, PostgreSQL and SQLite), so
    /// what the end records is the row as it was when this caller won it. Null when another writer took it first.
    /// </summary>
    public static async Task<EndedJob?> TakeAsync(JobSql sql, long jobId, CancellationToken ct)
    {
        var rows = await sql.QueryAsync(
            "DELETE FROM running_jobs WHERE id = @id RETURNING id, stage_name, priority, machine, pid, slurm_job_id, cpus, memory, disk, progress, " +
            "message, log_path, started_at, queued_at, last_report_at, attempt, software_version, stop_reason, stop_requested_at, kill_sent_at, " +
            "cancel_requested_at, cancel_requested_by, frame_id, job_type, target_table, target_id, stage, date, date2", EndedJob.Read, ct, ("id", jobId));
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>A claim that never started: deleted only while job exec has not reported, so of a late start and this, one wins.</summary>
    public static Task<int> DeleteUnreportedAsync(JobSql sql, long jobId, CancellationToken ct) =>
        sql.ExecuteAsync("DELETE FROM running_jobs WHERE id = @id AND last_report_at IS NULL", ct, ("id", jobId));

    /// <summary>The daemon stops the job: reason and SIGTERM time, only when no stop is on the row yet.</summary>
    public static Task<int> RequestStopAsync(JobSql sql, long jobId, string reason, DateTime now, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET stop_reason = @reason, stop_requested_at = @now WHERE id = @id AND stop_requested_at IS NULL", ct,
            ("id", jobId), ("reason", reason), ("now", now));

    public static Task<int> MarkKillSentAsync(JobSql sql, long jobId, DateTime now, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET kill_sent_at = @now WHERE id = @id", ct, ("id", jobId), ("now", now));

    /// <summary>ctl cancel: who and when, only when no cancel is on the row yet.</summary>
    public static Task<int> RequestCancelAsync(JobSql sql, long jobId, string user, DateTime now, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE running_jobs SET cancel_requested_at = @now, cancel_requested_by = @user WHERE id = @id AND cancel_requested_at IS NULL", ct,
            ("id", jobId), ("now", now), ("user", user));
}

/// <summary>The columns a claim sets on a new running_jobs row; the others start empty (null).</summary>
public sealed record RunningJobRow(
    long Id, string StageName, int Priority, string Machine, int Cpus, double Memory, int Disk, string? LogPath,
    DateTime StartedAt, DateTime? QueuedAt, int Attempt,
    string FrameId, string JobType, string TargetTable, long TargetId, int Stage, DateOnly? Date, DateOnly? Date2);

/// <summary>A running_jobs row as its end took it (every column).</summary>
public sealed record EndedJob(
    long Id, string StageName, int Priority, string Machine, int? Pid, long? SlurmJobId, int Cpus, double Memory, int Disk, double? Progress,
    string? Message, string? LogPath, DateTime StartedAt, DateTime? QueuedAt, DateTime? LastReportAt, int Attempt, string? SoftwareVersion,
    string? StopReason, DateTime? StopRequestedAt, DateTime? KillSentAt, DateTime? CancelRequestedAt, string? CancelRequestedBy,
    string FrameId, string JobType, string TargetTable, long TargetId, int Stage, DateOnly? Date, DateOnly? Date2)
{
    /// <summary>The columns in <see cref="RunningJobsTable.TakeAsync"/>'s RETURNING order.</summary>
    internal static EndedJob Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), Int(r, 4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetInt32(6),
        r.GetDouble(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetDouble(9), Text(r, 10), Text(r, 11), Utc(r, 12)!.Value, Utc(r, 13), Utc(r, 14),
        r.GetInt32(15), Text(r, 16), Text(r, 17), Utc(r, 18), Utc(r, 19), Utc(r, 20), Text(r, 21), r.GetString(22), r.GetString(23),
        r.GetString(24), r.GetInt64(25), r.GetInt32(26), Day(r, 27), Day(r, 28));

    private static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>SQLite gives the stored text back as an unspecified time; both providers keep UTC.</summary>
    private static DateTime? Utc(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    private static DateOnly? Day(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
}
