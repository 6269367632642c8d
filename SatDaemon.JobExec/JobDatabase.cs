using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Configuration;
using SatDaemon.Database.Providers;
using SatDaemon.JobProtocol;
using SatDaemon.JobRecords;

namespace SatDaemon.JobExec;

/// <summary>
/// The native job exec's database writes: the start record (<see cref="JobStartRecord"/>) and the end
/// (<see cref="JobEndRecord"/>, the statements JobStore runs for the .NET JobLogger and the daemon), each on a
/// connection of its own that is closed again at once, so no connection is held while the job works. Both wait out a
/// database that does not answer (<see cref="TransientDatabaseError"/>) within their budget. PostgreSQL goes through
/// Npgsql's slim data source (no type plugins: these records write numbers, text, times, dates and bools).
/// </summary>
/// <param name="say">A line for the job's report (its log): each wait for the database is said, as the JobLogger says it.</param>
internal sealed class JobDatabase(SatDaemonConfig config, Func<string, string?> versionOf, Func<string, Task> say)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly DatabaseUrl _url = DatabaseUrl.Parse(config.Parameters.Database,
        Path.GetDirectoryName(Path.GetFullPath(config.FilePath)) ?? ".").ForJobProcess();

    /// <summary>
    /// Marks the job started, retrying a database that does not answer until <paramref name="budget"/> has passed (then
    /// the last error is thrown). False when the job is not running: the command must not run.
    /// </summary>
    public Task<bool> MarkStartedAsync(long jobId, int pid, TimeSpan budget, CancellationToken ct) =>
        WithRetryAsync("recording the start", budget, async t =>
        {
            var result = false;
            await InTransactionAsync(async sql => result = await JobStartRecord.MarkStartedAsync(sql, jobId, pid, DateTime.UtcNow, versionOf, t), () => result, t);
            return result;
        }, ct);

    /// <summary>
    /// Records the end the outcome spool holds, as JobStore records it (success; failure with the job type's retries; a
    /// cancelled job held), retrying a database that does not answer until <paramref name="budget"/> has passed.
    /// AlreadyEnded: the daemon (or another writer) recorded it first; nothing changed.
    /// </summary>
    public Task<JobEndResult> RecordEndAsync(JobOutcomeFile outcome, TimeSpan budget, CancellationToken ct) =>
        WithRetryAsync("recording the end", budget, async t =>
        {
            var end = JobEndResult.AlreadyEnded;
            await InTransactionAsync(async sql => end = await RecordEndAsync(sql, outcome, t), () => end.Kind != JobEndKind.AlreadyEnded, t);
            return end;
        }, ct);

    private async Task<JobEndResult> RecordEndAsync(JobSql sql, JobOutcomeFile outcome, CancellationToken ct)
    {
        var margin = config.Parameters.OverBudgetMargin;
        if (outcome.Success) return await JobEndRecord.RecordSuccessAsync(sql, outcome.JobId, outcome.Usage, margin, DateTime.UtcNow, ct);
        // The retry allowance is the job type's, read in the same transaction as the end (as the JobLogger reads it).
        if (await sql.ScalarAsync("SELECT job_type FROM running_jobs WHERE id = @id", ct, ("id", outcome.JobId)) is not string jobType)
            return JobEndResult.AlreadyEnded;
        var retries = config.JobTypes.TryGetValue(jobType, out var type) ? type.Retries : 0;
        return await JobEndRecord.RecordFailureAsync(sql, outcome.JobId, outcome.ExitCode, outcome.Error ?? "failed", outcome.LogTail, retries,
            outcome.Usage, margin, DateTime.UtcNow, ct);
    }

    private async Task<T> WithRetryAsync<T>(string what, TimeSpan budget, Func<CancellationToken, Task<T>> write, CancellationToken ct)
    {
        var from = TimeProvider.System.GetTimestamp();
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write(ct);
            }
            catch (Exception e) when (TransientDatabaseError.Is(e) && TimeProvider.System.GetElapsedTime(from) + backoff < budget)
            {
                // The JobLogger's words (DatabaseRetry), so a job's log reads alike whichever wrapper ran it.
                await say($"{what}: database not reachable ({SatDaemon.Control.JobRuntime.JobCommandRun.Root(e).Message}); attempt {attempt}, retrying in {backoff.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s");
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in a transaction on a fresh connection; commits when <paramref name="commit"/> says so afterwards.</summary>
    private async Task InTransactionAsync(Func<JobSql, Task> work, Func<bool> commit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await work(new JobSql(connection, tx));
        if (commit()) await tx.CommitAsync(ct);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_url.Provider == DatabaseProvider.Sqlite)
        {
            SQLitePCL.Batteries_V2.Init();
            var lite = new SqliteConnection(_url.ConnectionString);
            try
            {
                await lite.OpenAsync(ct);
                await using var pragma = lite.CreateCommand();
                // As the daemon's connections (SqlitePragmas): wait for a writer rather than fail at once.
                pragma.CommandText = "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(ct);
                return lite;
            }
            catch
            {
                // A busy or missing file is retried (WithRetryAsync) with a new connection: this one must not stay open.
                await lite.DisposeAsync();
                throw;
            }
        }
        // No pooling: one connection, closed for good when the record is written (the unpooled source holds nothing else).
        var builder = new NpgsqlConnectionStringBuilder(_url.ConnectionString) { Pooling = false };
        var source = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
        return await source.OpenConnectionAsync(ct);
    }
}
