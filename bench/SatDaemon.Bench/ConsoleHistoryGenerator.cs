using System.Diagnostics;
using Npgsql;

namespace SatDaemon.Bench;

/// <summary>
/// What the console draws at scale besides the stage tables (issue 27): a running job on each machine (the ifg rows
/// they run marked running), failed jobs (their rows marked failed), three days of job events (launched, finished,
/// failed by job type, ~4 launches a minute) and three days of trend samples (a cluster row a minute, a row per machine
/// an hour), as the daemon's TrendSampleWriter would have written them. Bulk SQL, like <see cref="DataGenerator"/>.
/// </summary>
internal static class ConsoleHistoryGenerator
{
    public const int Days = 3;
    public const int Failed = 300;

    public sealed record Counts(long Running, long Failed, long Events, long Samples, TimeSpan Elapsed);

    public static async Task<Counts> GenerateAsync(NpgsqlConnection conn, int machines, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var sql = $"""
            WITH picked AS (
              SELECT id, frame_id, date, row_number() OVER (ORDER BY frame_id, date) AS n FROM ifg
              WHERE proc_status = 0 ORDER BY frame_id, date LIMIT {machines})
            INSERT INTO running_jobs (id, frame_id, job_type, target_table, target_id, stage, stage_name, date, machine, pid, cpus, memory, disk,
                                      progress, message, started_at, attempt, priority)
            SELECT 900000 + n, frame_id, 'slc', 'ifg', id, 2, 'slc', date, 'm' || lpad(n::text, 2, '0'), 10000 + n, 4, 16, 20,
                   (n * 7) % 100, 'burst ' || (n % 9) || ' of 9', now() - (n || ' minutes')::interval, 1, 0
            FROM picked;
            UPDATE ifg SET proc_stage = 2, proc_status = 1 WHERE id IN (SELECT target_id FROM running_jobs WHERE target_table = 'ifg');

            WITH picked AS (
              SELECT id, frame_id, date, row_number() OVER (ORDER BY date DESC, frame_id) AS n FROM ifg
              WHERE proc_status = 0 ORDER BY date DESC, frame_id LIMIT {Failed})
            INSERT INTO failed_jobs (job_id, frame_id, job_type, target_table, target_id, stage, stage_name, date, machine, exit_code, error,
                                     log_tail, failed_at, attempt, retried)
            SELECT 800000 + n, frame_id, 'download', 'ifg', id, 1, 'download', date, 'm' || lpad((1 + n % {machines})::text, 2, '0'), 3,
                   'download failed: HTTP 503', repeat('retrying download ' || n || E'\n', 20),
                   now() - (n * 13 || ' minutes')::interval, 1, false
            FROM picked;
            UPDATE ifg SET proc_status = 4 WHERE id IN (SELECT target_id FROM failed_jobs WHERE target_table = 'ifg');

            INSERT INTO job_events (job_id, kind, frame_id, machine, job_type, message, time)
            SELECT 700000 + g / 3, (ARRAY['launched','finished','failed'])[1 + g % 3],
                   (SELECT id FROM frames ORDER BY id LIMIT 1), 'm' || lpad((1 + g % {machines})::text, 2, '0'),
                   (ARRAY['download','slc','coreg','coherence','unwrap'])[1 + (g / 3) % 5], 'bench event',
                   now() - (g * 5 || ' seconds')::interval
            FROM generate_series(0, {Days} * 86400 / 5) g
            WHERE g % 3 <> 2 OR g % 60 = 2;

            INSERT INTO trend_samples (at, machine, running, pending, reasons, cpus, memory, disk, cpus_budget, memory_budget, disk_budget)
            SELECT now() - (m || ' minutes')::interval, NULL, {machines}, 9000 + (m % 700),
                   'cpus=' || (3000 + m % 300) || ';memory=' || (5000 + m % 400) || ';unavailable=' || (m % 50), 4 * {machines}, 16 * {machines}, 20 * {machines},
                   64 * {machines}, 256 * {machines}, 100 * {machines}
            FROM generate_series(0, {Days} * 1440) m;
            INSERT INTO trend_samples (at, machine, running, pending, reasons, cpus, memory, disk, cpus_budget, memory_budget, disk_budget)
            SELECT now() - (h || ' hours')::interval, 'm' || lpad(i::text, 2, '0'), 1 + h % 4, 0, NULL, 4 * (1 + h % 4), 16 * (1 + h % 4), 20,
                   64, 256, 100
            FROM generate_series(0, {Days} * 24) h, generate_series(1, {machines}) i;
            ANALYZE running_jobs; ANALYZE failed_jobs; ANALYZE job_events; ANALYZE trend_samples; ANALYZE ifg;
            """;
        await using (var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 }) await cmd.ExecuteNonQueryAsync(ct);
        return new Counts(await CountAsync(conn, "running_jobs", ct), await CountAsync(conn, "failed_jobs", ct),
            await CountAsync(conn, "job_events", ct), await CountAsync(conn, "trend_samples", ct), watch.Elapsed);
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
