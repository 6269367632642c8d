namespace SatDaemon.JobRecords;

/// <summary>
/// The one writer of processing state, as plain SQL over the caller's connection and transaction: proc_stage and
/// proc_status of master, ifg and rsar_ifg rows, a frame's time series (ts_stage, ts_status, ts_first_date,
/// ts_completed_at) and stage_versions. ProcRowTransitions (SatDaemon.Database) names the operations and calls these
/// through EF's connection; the native job exec's end (<see cref="JobEndRecord"/>) calls them on its own connection, so
/// a job's end moves its row through the same statements whoever records it. Guarded updates name the state they
/// expect and return how many rows changed: 0 means another process got there first.
/// </summary>
public static class ProcRowStates
{
    public const int Waiting = 0;
    public const int Running = 1;
    public const int Complete = 2;
    public const int Held = 3;
    public const int Failed = 4;

    /// <summary>The frame's time series: its "row" is the frames row (target_id carries no meaning).</summary>
    public const string TimeSeriesTable = "frames";

    /// <summary>The chain's first stage, where a restarted row waits; the frame chain's first stage makes the time series.</summary>
    public const int FirstStage = 1;

    /// <summary>Which state a guarded update expects: the status, the stage unless null, and optionally no running job of the row.</summary>
    public readonly record struct Expect(int? Stage, int Status, bool NoRunningJob = false);

    /// <summary>The new state: the status, and the stage unless null (then it stays).</summary>
    public readonly record struct Change(int? Stage, int Status);

    /// <summary>What a time-series update writes besides ts_stage and ts_status.</summary>
    [Flags]
    public enum TimeSeriesWrite
    {
        StateOnly = 0,
        /// <summary>ts_first_date, when not yet set: the last complete ifg date of the frame, as the rows are in this transaction.</summary>
        FirstDate = 1,
        Completed = 2,
        CompletedIfUnknown = 4,
    }

    /// <summary>A guarded update of a master, ifg or rsar_ifg row (or, for "frames", the frame's time series).</summary>
    public static Task<int> UpdateAsync(JobSql sql, string table, long id, string frameId, Expect expect, Change change, TimeSeriesWrite write,
        DateTime now, CancellationToken ct) =>
        table == TimeSeriesTable ? UpdateTimeSeriesAsync(sql, frameId, expect, change, write, now, ct) : UpdateRowAsync(sql, table, id, expect, change, now, ct);

    /// <summary>A job succeeded: waiting at the next stage, or complete after <paramref name="lastStage"/> (DESIGN §5).</summary>
    public static Task<int> CompleteStageAsync(JobSql sql, string table, long id, string frameId, int stage, int lastStage, DateTime now, CancellationToken ct)
    {
        var done = stage >= lastStage;
        // The time-series job itself fixes the dates noupdate keeps; a later stage (ingest) finishing is the time
        // series' completion, stamped with the time it really happened.
        var write = stage == FirstStage ? TimeSeriesWrite.FirstDate : TimeSeriesWrite.Completed;
        return UpdateAsync(sql, table, id, frameId, new(stage, Running), new(done ? stage : stage + 1, done ? Complete : Waiting), write, now, ct);
    }

    /// <summary>A job failed: from running to failed, or back to waiting when it will be retried.</summary>
    public static Task<int> FailAsync(JobSql sql, string table, long id, string frameId, int stage, bool retry, DateTime now, CancellationToken ct) =>
        UpdateAsync(sql, table, id, frameId, new(stage, Running), new(null, retry ? Waiting : Failed), TimeSeriesWrite.StateOnly, now, ct);

    /// <summary>A cancelled job's row is held at its stage (ctl release puts it back to waiting).</summary>
    public static Task<int> HoldCancelledAsync(JobSql sql, string table, long id, string frameId, int stage, DateTime now, CancellationToken ct) =>
        UpdateAsync(sql, table, id, frameId, new(stage, Running), new(null, Held), TimeSeriesWrite.StateOnly, now, ct);

    /// <summary>set-master, frame reprocess: the row is processed again from <paramref name="stage"/>. Unguarded: the caller refused the change while any row it touches runs.</summary>
    public static Task<int> RestartAsync(JobSql sql, string table, long id, string frameId, int stage, DateTime now, CancellationToken ct) =>
        table == TimeSeriesTable
            ? sql.ExecuteAsync("UPDATE frames SET ts_stage = @stage, ts_status = @status, last_updated = @now WHERE id = @frame", ct,
                ("stage", stage), ("status", Waiting), ("now", now), ("frame", frameId))
            : sql.ExecuteAsync($"UPDATE {Checked(table)} SET proc_stage = @stage, proc_status = @status, updated_at = @now WHERE id = @id", ct,
                ("stage", stage), ("status", Waiting), ("now", now), ("id", id));

    /// <summary>
    /// A job completed <paramref name="stage"/> of its row: the software version it ran with (null: none configured)
    /// replaces the one of the run before. A frame's time series keeps target_id 0.
    /// </summary>
    public static async Task RecordStageVersionAsync(JobSql sql, string table, long id, string frameId, int stage, string? version, long jobId,
        DateTime now, CancellationToken ct)
    {
        var targetId = table == TimeSeriesTable ? 0 : id;
        (string, object?)[] key = [("table", table), ("frame", frameId), ("target", targetId), ("stage", stage)];
        await sql.ExecuteAsync("DELETE FROM stage_versions WHERE target_table = @table AND frame_id = @frame AND target_id = @target AND stage = @stage", ct, key);
        await sql.ExecuteAsync("INSERT INTO stage_versions (target_table, frame_id, target_id, stage, version, job_id, completed_at) " +
            "VALUES (@table, @frame, @target, @stage, @version, @job, @now)", ct, [.. key, ("version", version), ("job", jobId), ("now", now)]);
    }

    private static Task<int> UpdateRowAsync(JobSql sql, string table, long id, Expect expect, Change change, DateTime now, CancellationToken ct)
    {
        var t = Checked(table);
        var set = change.Stage is null ? "" : "proc_stage = @next, ";
        var where = (expect.Stage is null ? "" : " AND proc_stage = @stage")
            + (expect.NoRunningJob ? $" AND NOT EXISTS (SELECT 1 FROM running_jobs j WHERE j.target_table = @table AND j.target_id = {t}.id)" : "");
        return sql.ExecuteAsync($"UPDATE {t} SET {set}proc_status = @to, updated_at = @now WHERE id = @id AND proc_status = @from{where}", ct,
            ("next", change.Stage), ("to", change.Status), ("now", now), ("id", id), ("from", expect.Status), ("stage", expect.Stage), ("table", table));
    }

    private static Task<int> UpdateTimeSeriesAsync(JobSql sql, string frameId, Expect expect, Change change, TimeSeriesWrite write, DateTime now,
        CancellationToken ct)
    {
        var set = change.Stage is null ? "" : "ts_stage = @next, ";
        // Only the first time series fixes the dates: a later one leaves them as they are.
        if (write.HasFlag(TimeSeriesWrite.FirstDate))
            set += "ts_first_date = COALESCE(ts_first_date, (SELECT MAX(i.date) FROM ifg i WHERE i.frame_id = @frame AND i.proc_status = @complete)), ";
        if (write.HasFlag(TimeSeriesWrite.Completed)) set += "ts_completed_at = @now, ";
        else if (write.HasFlag(TimeSeriesWrite.CompletedIfUnknown)) set += "ts_completed_at = COALESCE(ts_completed_at, @now), ";
        var where = (expect.Stage is null ? "" : " AND ts_stage = @stage")
            + (expect.NoRunningJob ? " AND NOT EXISTS (SELECT 1 FROM running_jobs j WHERE j.target_table = 'frames' AND j.frame_id = @frame)" : "");
        return sql.ExecuteAsync($"UPDATE frames SET {set}ts_status = @to, last_updated = @now WHERE id = @frame AND ts_status = @from{where}", ct,
            ("next", change.Stage), ("complete", Complete), ("to", change.Status), ("now", now), ("frame", frameId), ("from", expect.Status),
            ("stage", expect.Stage));
    }

    /// <summary>The table name goes into the statement text: only the three stage tables may.</summary>
    private static string Checked(string table) => table is "master" or "ifg" or "rsar_ifg"
        ? table
        : throw new ArgumentException($"unknown target table '{table}'", nameof(table));
}
