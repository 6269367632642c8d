using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Configuration;
using SatDaemon.Database.Providers;
using SatDaemon.JobRecords;

namespace SatDaemon.JobExec;

/// <summary>
/// The native job exec's one database write: the start record (<see cref="JobStartRecord"/>), on a connection of its
/// own that is closed again before the command runs, so no connection is held while the job works. PostgreSQL goes
/// through Npgsql's slim data source (no type plugins: the start writes numbers, a string and a time).
/// </summary>
internal sealed class JobDatabase(SatDaemonConfig config, Func<string, string?> versionOf)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly DatabaseUrl _url = DatabaseUrl.Parse(config.Parameters.Database,
        Path.GetDirectoryName(Path.GetFullPath(config.FilePath)) ?? ".").ForJobProcess();

    /// <summary>
    /// Marks the job started, retrying a database that does not answer until <paramref name="budget"/> has passed (then
    /// the last error is thrown). False when the job is not running: the command must not run.
    /// </summary>
    public async Task<bool> MarkStartedAsync(long jobId, int pid, TimeSpan budget, CancellationToken ct)
    {
        var from = TimeProvider.System.GetTimestamp();
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                return await TryMarkStartedAsync(jobId, pid, ct);
            }
            catch (Exception e) when (TransientDatabaseError.Is(e) && TimeProvider.System.GetElapsedTime(from) + backoff < budget)
            {
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task<bool> TryMarkStartedAsync(long jobId, int pid, CancellationToken ct)
    {
        if (_url.Provider == DatabaseProvider.Sqlite)
        {
            SQLitePCL.Batteries_V2.Init();
            await using var lite = new SqliteConnection(_url.ConnectionString);
            await lite.OpenAsync(ct);
            await using (var pragma = lite.CreateCommand())
            {
                // As the daemon's connections (SqlitePragmas): wait for a writer rather than fail at once.
                pragma.CommandText = "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            return await InTransactionAsync(lite, jobId, pid, versionOf, ct);
        }
        // No pooling: one connection, closed for good when the start is recorded.
        var builder = new NpgsqlConnectionStringBuilder(_url.ConnectionString) { Pooling = false };
        await using var source = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
        await using var pg = await source.OpenConnectionAsync(ct);
        return await InTransactionAsync(pg, jobId, pid, versionOf, ct);
    }

    private static async Task<bool> InTransactionAsync(DbConnection connection, long jobId, int pid, Func<string, string?> versionOf, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await JobStartRecord.MarkStartedAsync(new JobSql(connection, tx), jobId, pid, DateTime.UtcNow, versionOf, ct)) return false;
        await tx.CommitAsync(ct);
        return true;
    }
}
