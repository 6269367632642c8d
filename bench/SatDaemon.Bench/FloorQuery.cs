using System.Diagnostics;
using Npgsql;

namespace SatDaemon.Bench;

/// <summary>
/// The floor: the pending set of DESIGN §5 as ONE hand-written SQL statement, for comparison with JobListBuilder.
/// Same rules: frame level ≥ stage min level; date range (proc_start..proc_end) and noupdate (no date after
/// ts_first_date) for ifg and both dates of rsar_ifg, not for the master; coreg needs the master complete; coherence
/// (rsar stage 1) needs both dates complete (as ifg or master); the time series (frame stage 1) needs every in-range
/// rsar_ifg complete and at least one complete.
/// </summary>
public static class FloorQuery
{
    private const string Levels = "(VALUES ('off', 0), ('download', 1), ('satsar', 2), ('til_timeseries', 3), ('full', 4))";

    /// <summary>Rows (target_table, frame_id, target_id, stage).</summary>
    public const string Sql = $"""
        WITH lv(name, n) AS {Levels},
        f AS (
            SELECT fr.id, fr.proc_start, fr.proc_end, fr.noupdate, fr.ts_first_date, fr.ts_stage, fr.ts_status, lv.n AS lvl
            FROM frames fr JOIN lv ON lv.name = fr.proc_level
            WHERE fr.proc_level <> 'off'),
        st AS (
            SELECT 'master' AS tbl, s."order", s.name, lv.n AS min_lvl FROM master_proc_stages s JOIN lv ON lv.name = s.min_level
            UNION ALL SELECT 'ifg', s."order", s.name, lv.n FROM ifg_proc_stages s JOIN lv ON lv.name = s.min_level
            UNION ALL SELECT 'rsar_ifg', s."order", s.name, lv.n FROM rsar_ifg_proc_stages s JOIN lv ON lv.name = s.min_level
            UNION ALL SELECT 'frames', s."order", s.name, lv.n FROM frame_proc_stages s JOIN lv ON lv.name = s.min_level)
        SELECT 'master' AS target_table, m.frame_id, m.id AS target_id, m.proc_stage AS stage
        FROM master m JOIN f ON f.id = m.frame_id JOIN st ON st.tbl = 'master' AND st."order" = m.proc_stage
        WHERE m.proc_status = 0 AND f.lvl >= st.min_lvl
        UNION ALL
        SELECT 'ifg', i.frame_id, i.id, i.proc_stage
        FROM ifg i JOIN f ON f.id = i.frame_id JOIN st ON st.tbl = 'ifg' AND st."order" = i.proc_stage
        WHERE i.proc_status = 0 AND f.lvl >= st.min_lvl
          AND (f.proc_start IS NULL OR i.date >= f.proc_start) AND (f.proc_end IS NULL OR i.date <= f.proc_end)
          AND NOT (f.noupdate AND f.ts_first_date IS NOT NULL AND i.date > f.ts_first_date)
          AND (st.name <> 'coreg' OR EXISTS (SELECT 1 FROM master m WHERE m.frame_id = i.frame_id AND m.proc_status = 2))
        UNION ALL
        SELECT 'rsar_ifg', r.frame_id, r.id, r.proc_stage
        FROM rsar_ifg r JOIN f ON f.id = r.frame_id JOIN st ON st.tbl = 'rsar_ifg' AND st."order" = r.proc_stage
        WHERE r.proc_status = 0 AND f.lvl >= st.min_lvl
          AND (f.proc_start IS NULL OR r.date1 >= f.proc_start) AND (f.proc_end IS NULL OR r.date2 <= f.proc_end)
          AND NOT (f.noupdate AND f.ts_first_date IS NOT NULL AND r.date2 > f.ts_first_date)
          AND (r.proc_stage <> 1 OR (
                (EXISTS (SELECT 1 FROM ifg x WHERE x.frame_id = r.frame_id AND x.date = r.date1 AND x.proc_status = 2)
                 OR EXISTS (SELECT 1 FROM master x WHERE x.frame_id = r.frame_id AND x.date = r.date1 AND x.proc_status = 2))
            AND (EXISTS (SELECT 1 FROM ifg x WHERE x.frame_id = r.frame_id AND x.date = r.date2 AND x.proc_status = 2)
                 OR EXISTS (SELECT 1 FROM master x WHERE x.frame_id = r.frame_id AND x.date = r.date2 AND x.proc_status = 2))))
        UNION ALL
        SELECT 'frames', f.id, 0, f.ts_stage
        FROM f JOIN st ON st.tbl = 'frames' AND st."order" = f.ts_stage
        WHERE f.ts_status = 0 AND f.lvl >= st.min_lvl
          AND (f.ts_stage <> 1 OR (
                NOT EXISTS (SELECT 1 FROM rsar_ifg r WHERE r.frame_id = f.id AND r.proc_status <> 2
                    AND (f.proc_start IS NULL OR r.date1 >= f.proc_start) AND (f.proc_end IS NULL OR r.date2 <= f.proc_end)
                    AND NOT (f.noupdate AND f.ts_first_date IS NOT NULL AND r.date2 > f.ts_first_date))
            AND EXISTS (SELECT 1 FROM rsar_ifg r WHERE r.frame_id = f.id AND r.proc_status = 2)))
        """;

    public sealed record Result(List<(string Table, string Frame, long Id, int Stage)> Rows, TimeSpan Elapsed);

    /// <summary>Runs the query and reads every row to the client, as the rebuild must.</summary>
    /// <param name="frames">Only these frames (the floor for what changed), or all when null.</param>
    public static async Task<Result> RunAsync(NpgsqlConnection conn, CancellationToken ct, string[]? frames = null)
    {
        var watch = Stopwatch.StartNew();
        var rows = new List<(string, string, long, int)>();
        await using var cmd = new NpgsqlCommand(frames is null ? Sql : $"SELECT * FROM ({Sql}) floor WHERE frame_id = ANY(@frames)", conn) { CommandTimeout = 600 };
        if (frames is not null) cmd.Parameters.AddWithValue("frames", frames);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
        return new Result(rows, watch.Elapsed);
    }

    /// <summary>Keys in the floor set but not in pending_jobs, and the other way round (0, 0 when they agree).</summary>
    public static async Task<(long OnlyFloor, long OnlyPending)> CompareWithPendingAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var sql = $"""
            WITH floor AS ({Sql}),
            pending AS (SELECT target_table, frame_id, target_id, stage FROM pending_jobs WHERE not_before IS NULL)
            SELECT (SELECT count(*) FROM (SELECT * FROM floor EXCEPT SELECT * FROM pending) a),
                   (SELECT count(*) FROM (SELECT * FROM pending EXCEPT SELECT * FROM floor) b)
            """;
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
