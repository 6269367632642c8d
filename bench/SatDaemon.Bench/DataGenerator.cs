using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace SatDaemon.Bench;

/// <summary>
/// Fills frames, master, ifg and rsar_ifg with INSERT … SELECT generate_series, after DatabaseInitializer made the schema.
/// Every frame has D dates 12 days apart (the master in the middle), ifg rows for the others, and rsar_ifg pairs of each
/// date with its next 3. Dates before a per-frame frontier are complete; after it they wait at mixed stages, with some
/// failed and held rows. Frame settings vary by frame number so that every rule of the job list is exercised:
/// levels off/download/satsar/til_timeseries/full, proc_start, proc_end, noupdate, master not complete, finished frames
/// whose time series is due. Deterministic: the same scale gives the same database.
/// </summary>
public static class DataGenerator
{
    public const int RsarConnections = 3;

    public sealed record Counts(long Frames, long Ifg, long RsarIfg, TimeSpan Elapsed);

    public static async Task<Counts> GenerateAsync(NpgsqlConnection conn, BenchScale s, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var inv = CultureInfo.InvariantCulture;
        // Per-frame parameters: k = first date index not complete (the frontier), lag = how far rsar_ifg trails it.
        // Frames with f % 9 in (0, 1) are fully processed (k = D); f % 9 = 0 has its time series due.
        var sql = $"""
            CREATE TEMP TABLE bench_fp AS
            SELECT f,
                   lpad(((f % 175) + 1)::text, 3, '0') || CASE WHEN f % 2 = 0 THEN 'A' ELSE 'D' END
                       || '_' || lpad(f::text, 5, '0') || '_131313' AS id,
                   CASE WHEN f % 9 IN (0, 1) THEN {s.Dates}
                        ELSE {s.Dates} - ceil({s.Dates} * ({s.OpenMin.ToString(inv)} + ({s.OpenMax.ToString(inv)} - {s.OpenMin.ToString(inv)}) * ((f * 37) % 100) / 100.0))::int
                   END AS k,
                   CASE WHEN f % 9 IN (0, 1) THEN 0 ELSE 3 END AS lag,
                   {s.Dates / 2} AS m
            FROM generate_series(0, {s.Frames - 1}) f;

            INSERT INTO frames (id, track, orbit_direction, priority, proc_level, noupdate, proc_start, proc_end, master_date,
                                ts_stage, ts_status, ts_first_date, ts_completed_at, last_updated)
            SELECT id, (f % 175) + 1, CASE WHEN f % 2 = 0 THEN 'A' ELSE 'D' END, f % 4,
                   CASE f % 10 WHEN 0 THEN 'off' WHEN 1 THEN 'download' WHEN 2 THEN 'satsar' WHEN 3 THEN 'til_timeseries' ELSE 'full' END,
                   f % 7 = 3,
                   CASE WHEN f % 5 = 4 THEN DATE '2016-01-01' + 12 * ({s.Dates} / 10) END,
                   CASE WHEN f % 11 = 5 THEN DATE '2016-01-01' + 12 * ({s.Dates} * 9 / 10) END,
                   DATE '2016-01-01' + 12 * m,
                   CASE WHEN f % 9 = 1 THEN 2 ELSE 1 END,
                   CASE WHEN f % 9 = 1 THEN 2 ELSE 0 END,
                   CASE WHEN f % 3 <> 0 THEN DATE '2016-01-01' + 12 * ({s.Dates} * 85 / 100) END,
                   NULL, now()
            FROM bench_fp;

            INSERT INTO master (frame_id, date, proc_stage, proc_status, created_at, updated_at)
            SELECT id, DATE '2016-01-01' + 12 * m,
                   CASE WHEN f % 13 = 6 THEN 2 ELSE 3 END, CASE WHEN f % 13 = 6 THEN 0 ELSE 2 END, now(), now()
            FROM bench_fp;

            INSERT INTO ifg (frame_id, date, proc_stage, proc_status, created_at, updated_at)
            SELECT id, DATE '2016-01-01' + 12 * d,
                   CASE WHEN d < k THEN 4 ELSE 1 + ((f * 31 + d * 17) % 100) % 4 END,
                   CASE WHEN d < k THEN 2
                        WHEN (f * 31 + d * 17) % 100 < 3 THEN 4
                        WHEN (f * 31 + d * 17) % 100 < 5 THEN 3
                        ELSE 0 END,
                   now(), now()
            FROM bench_fp, generate_series(0, {s.Dates - 1}) d
            WHERE d <> m;

            INSERT INTO rsar_ifg (frame_id, date1, date2, proc_stage, proc_status, created_at, updated_at)
            SELECT id, DATE '2016-01-01' + 12 * d1, DATE '2016-01-01' + 12 * (d1 + c),
                   CASE WHEN d1 + c < k - lag THEN 2 WHEN d1 + c < k THEN 1 + (d1 + f) % 2 ELSE 1 END,
                   CASE WHEN d1 + c < k - lag THEN 2 ELSE 0 END,
                   now(), now()
            FROM bench_fp, generate_series(0, {s.Dates - 1}) d1, generate_series(1, {RsarConnections}) c
            WHERE d1 + c < {s.Dates};

            DROP TABLE bench_fp;
            ANALYZE frames; ANALYZE master; ANALYZE ifg; ANALYZE rsar_ifg;
            """;
        await using (var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 })
            await cmd.ExecuteNonQueryAsync(ct);
        return new Counts(await CountAsync(conn, "frames", ct), await CountAsync(conn, "ifg", ct), await CountAsync(conn, "rsar_ifg", ct), watch.Elapsed);
    }

    public static async Task<long> CountAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
