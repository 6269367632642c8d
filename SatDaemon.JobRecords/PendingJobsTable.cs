namespace SatDaemon.JobRecords;

/// <summary>
/// The one writer of pending_jobs, as plain SQL over the caller's connection and transaction (<see cref="JobSql"/>), so it
/// commits with the change it belongs to; guarded deletes return how many rows they took, and zero means another writer
/// got there first. Who calls what: the job list (JobListBuilder: insert, delete stale, priorities), the daemon
/// (DaemonStore: wait reasons; JobStore: claim, power-down), a job's end (<see cref="JobEndRecord"/>: the retry, from
/// JobStore or the native job exec), ctl (OperatorRequests: cancel a pending job), set-master and frame reprocess, and
/// consistency fixes (ConsistencyApplier). Id lists are at most 1000 long (the callers' chunks).
/// </summary>
public static class PendingJobsTable
{
    private const string Columns = "frame_id, job_type, target_table, target_id, stage, stage_name, stage_rank, date, date2, priority, queued_at, attempt, not_before";

    /// <summary>Takes one pending job (a claim, a ctl cancel): 1 when this caller took it, 0 when it was gone.</summary>
    public static Task<int> TakeAsync(JobSql sql, long pendingId, CancellationToken ct) =>
        sql.ExecuteAsync("DELETE FROM pending_jobs WHERE id = @id", ct, ("id", pendingId));

    /// <summary>Power-down: every pending job goes. Returns how many.</summary>
    public static Task<int> DeleteAllAsync(JobSql sql, CancellationToken ct) => sql.ExecuteAsync("DELETE FROM pending_jobs", ct);

    /// <summary>A consistency fix moved the row's stage: its pending job (of the old stage) is no longer due.</summary>
    public static Task<int> DeleteOfTargetAsync(JobSql sql, string table, string frameId, long targetId, CancellationToken ct) =>
        sql.ExecuteAsync("DELETE FROM pending_jobs WHERE target_table = @table AND frame_id = @frame AND target_id = @target", ct,
            ("table", table), ("frame", frameId), ("target", targetId));

    /// <summary>set-master, frame reprocess: the frame's pending jobs may target rows that changed stage or vanished.</summary>
    public static Task<int> DeleteOfFrameAsync(JobSql sql, string frameId, CancellationToken ct) =>
        sql.ExecuteAsync("DELETE FROM pending_jobs WHERE frame_id = @frame", ct, ("frame", frameId));

    /// <summary>The job list's stale rows. Returns how many went.</summary>
    public static Task<int> DeleteAsync(JobSql sql, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return Task.FromResult(0);
        var (list, parameters) = JobSql.InList("id", ids);
        return sql.ExecuteAsync($"DELETE FROM pending_jobs WHERE id IN ({list})", ct, parameters);
    }

    /// <summary>The job list's rows whose frame priority changed.</summary>
    public static Task<int> SetPriorityAsync(JobSql sql, IReadOnlyList<long> ids, int priority, CancellationToken ct)
    {
        if (ids.Count == 0) return Task.FromResult(0);
        var (list, parameters) = JobSql.InList("id", ids);
        return sql.ExecuteAsync($"UPDATE pending_jobs SET priority = @priority WHERE id IN ({list})", ct, [.. parameters, ("priority", priority)]);
    }

    /// <summary>Why these jobs wait; only rows whose reason changed are touched.</summary>
    public static Task<int> SetWaitReasonAsync(JobSql sql, IReadOnlyList<long> ids, string reason, string detail, CancellationToken ct)
    {
        if (ids.Count == 0) return Task.FromResult(0);
        var (list, parameters) = JobSql.InList("id", ids);
        return sql.ExecuteAsync(
            $"UPDATE pending_jobs SET wait_reason = @reason, wait_detail = @detail WHERE id IN ({list}) " +
            "AND (wait_reason IS NULL OR wait_reason <> @reason OR wait_detail IS NULL OR wait_detail <> @detail)", ct,
            [.. parameters, ("reason", reason), ("detail", detail)]);
    }

    /// <summary>A retry after a failure (or a single new row).</summary>
    public static Task<int> InsertAsync(JobSql sql, PendingJobRow row, CancellationToken ct) =>
        sql.ExecuteAsync($"INSERT INTO pending_jobs ({Columns}) VALUES (@frame, @type, @table, @target, @stage, @stage_name, @rank, @date, @date2, " +
            "@priority, @queued, @attempt, @not_before)", ct,
            ("frame", row.FrameId), ("type", row.JobType), ("table", row.TargetTable), ("target", row.TargetId), ("stage", row.Stage),
            ("stage_name", row.StageName), ("rank", row.StageRank), ("date", row.Date), ("date2", row.Date2), ("priority", row.Priority),
            ("queued", row.QueuedAt), ("attempt", row.Attempt), ("not_before", row.NotBefore));

    /// <summary>
    /// New job-list rows in bulk. On PostgreSQL one set-based statement (each column an array parameter, rows made by
    /// <c>unnest</c>): row-by-row INSERTs of 10^4 jobs took seconds for a first rebuild. SQLite runs in-process, with no
    /// round trips to save: one INSERT a row, inside the caller's transaction.
    /// </summary>
    public static async Task InsertAsync(JobSql sql, IReadOnlyList<PendingJobRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        if (!sql.IsPostgres)
        {
            foreach (var row in rows) await InsertAsync(sql, row, ct);
            return;
        }
        await sql.ExecuteAsync($"INSERT INTO pending_jobs ({Columns}) SELECT * FROM unnest(@frame, @type, @table, @target, @stage, @stage_name, @rank, " +
            "@date, @date2, @priority, @queued, @attempt, @not_before)", ct,
            ("frame", rows.Select(j => j.FrameId).ToArray()), ("type", rows.Select(j => j.JobType).ToArray()),
            ("table", rows.Select(j => j.TargetTable).ToArray()), ("target", rows.Select(j => j.TargetId).ToArray()),
            ("stage", rows.Select(j => j.Stage).ToArray()), ("stage_name", rows.Select(j => j.StageName).ToArray()),
            ("rank", rows.Select(j => j.StageRank).ToArray()), ("date", rows.Select(j => j.Date).ToArray()),
            ("date2", rows.Select(j => j.Date2).ToArray()), ("priority", rows.Select(j => j.Priority).ToArray()),
            ("queued", rows.Select(j => DateTime.SpecifyKind(j.QueuedAt, DateTimeKind.Utc)).ToArray()),
            ("attempt", rows.Select(j => j.Attempt).ToArray()),
            ("not_before", rows.Select(j => j.NotBefore is { } n ? DateTime.SpecifyKind(n, DateTimeKind.Utc) : (DateTime?)null).ToArray()));
    }
}

/// <summary>The columns of a new pending_jobs row (id is the table's own; wait_reason and wait_detail start empty).</summary>
public sealed record PendingJobRow(
    string FrameId, string JobType, string TargetTable, long TargetId, int Stage, string StageName, int StageRank,
    DateOnly? Date, DateOnly? Date2, int Priority, DateTime QueuedAt, int Attempt, DateTime? NotBefore);
