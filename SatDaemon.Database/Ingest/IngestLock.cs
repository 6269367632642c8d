using Microsoft.Data.Sqlite;
using Npgsql;
using SatDaemon.Configuration;

namespace SatDaemon.Database.Ingest;

/// <summary>
/// One ingest at a time per database, whoever starts it (a shell, cron, a systemd timer, the daemon's ingest_interval).
/// PostgreSQL: a session advisory lock on a connection kept open for the run, named after its holder
/// (application_name), so a second ingest can say who is in the way from pg_stat_activity. SQLite: an exclusive lock
/// file beside the database (<c>{db}.ingest.lock</c>), the holder written to <c>{db}.ingest.lock.holder</c>. Both
/// die with the process, so a killed ingest leaves nothing to clean up; a lock row would outlive a crash and need
/// staleness rules. The same scheme as <see cref="Daemon.DaemonLock"/>, with its own key and file.
/// </summary>
public sealed class IngestLock : IAsyncDisposable
{
    // Fixed for every build; distinct from the daemon's key (0x5A7DAE30), so the daemon can ingest while it runs.
    internal const long AdvisoryKey = 0x5A7DAE31;
    private const string AppNamePrefix = "satdaemon-ingest ";
    private readonly NpgsqlConnection? _pg;
    private readonly FileStream? _file;
    private readonly string? _holderPath;

    private IngestLock(NpgsqlConnection? pg, FileStream? file, string? holderPath)
    {
        _pg = pg;
        _file = file;
        _holderPath = holderPath;
    }

    /// <summary>Who this process is, as the holder is shown to a second ingest.</summary>
    public static string Me => $"{Environment.MachineName} pid {Environment.ProcessId}";

    /// <summary>
    /// Takes the lock; with <paramref name="wait"/> waits for the holder to finish (until <paramref name="ct"/>), else
    /// throws <see cref="IngestLockHeldException"/> naming the holder. <paramref name="waiting"/> hears once that a wait began.
    /// </summary>
    public static async Task<IngestLock> AcquireAsync(SatDbFactory factory, bool wait, TimeProvider time, CancellationToken ct,
        Action<IngestLockHeldException>? waiting = null)
    {
        var told = false;
        void Waiting(IngestLockHeldException held)
        {
            if (!wait) throw held;
            if (!told) waiting?.Invoke(held);
            told = true;
        }

        var started = time.GetUtcNow().UtcDateTime;
        if (factory.Url.Provider == DatabaseProvider.PostgreSql)
        {
            var cs = new NpgsqlConnectionStringBuilder(factory.Url.ConnectionString)
            {
                Pooling = false, KeepAlive = 30, ApplicationName = Truncate($"{AppNamePrefix}{Me} since {started:yyyy-MM-dd HH:mm:ss} UTC"),
            }.ConnectionString;
            var pg = new NpgsqlConnection(cs);
            try
            {
                await pg.OpenAsync(ct);
                while (true)
                {
                    await using (var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", pg))
                    {
                        cmd.Parameters.AddWithValue("k", AdvisoryKey);
                        if (await cmd.ExecuteScalarAsync(ct) is true) return new IngestLock(pg, null, null);
                    }
                    Waiting(new IngestLockHeldException(factory.Url.DisplayName, await PgHolderAsync(pg, ct)));
                    // Polled rather than pg_advisory_lock: a blocked statement would hold a connection the holder's
                    // death cannot wake us from any sooner, and this way cancellation is plain.
                    await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                }
            }
            catch
            {
                await pg.DisposeAsync();
                throw;
            }
        }

        var path = new SqliteConnectionStringBuilder(factory.Url.ConnectionString).DataSource + ".ingest.lock";
        var holderPath = path + ".holder";
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Linux; it dies with the process.
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                await File.WriteAllTextAsync(holderPath, $"{Me} since {started:yyyy-MM-dd HH:mm:ss} UTC", ct);
                return new IngestLock(null, file, holderPath);
            }
            catch (IOException) when (File.Exists(path))
            {
                Waiting(new IngestLockHeldException(factory.Url.DisplayName, await SqliteHolderAsync(holderPath, time, ct)));
            }
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
        }
    }

    private static async Task<string?> PgHolderAsync(NpgsqlConnection pg, CancellationToken ct)
    {
        // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
        await using var cmd = new NpgsqlCommand(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid " +
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = @hi AND l.objid = @lo AND l.objsubid = 1 LIMIT 1", pg);
        cmd.Parameters.AddWithValue("hi", (long)(AdvisoryKey >> 32));
        cmd.Parameters.AddWithValue("lo", (long)(AdvisoryKey & 0xFFFFFFFF));
        var name = await cmd.ExecuteScalarAsync(ct) as string;
        return name is not null && name.StartsWith(AppNamePrefix, StringComparison.Ordinal) ? name[AppNamePrefix.Length..] : null;
    }

    /// <summary>
    /// The holder names itself just after taking the lock; a second ingest that arrives in between (two started at
    /// once) waits up to a second for the name rather than refuse without saying who holds the lock.
    /// </summary>
    private static async Task<string?> SqliteHolderAsync(string holderPath, TimeProvider time, CancellationToken ct)
    {
        for (var i = 0; i < 20; i++)
        {
            if (SqliteHolder(holderPath) is { Length: > 0 } holder) return holder;
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
        return null;
    }

    private static string? SqliteHolder(string holderPath)
    {
        try { return File.ReadAllText(holderPath).Trim(); }
        catch (IOException) { return null; }
    }

    // PostgreSQL keeps 63 bytes of application_name.
    private static string Truncate(string s) => s.Length <= 63 ? s : s[..63];

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null) await _pg.DisposeAsync();
        if (_file is not null)
        {
            // The holder file goes first, while the lock is still ours: a later holder's file is never deleted.
            if (_holderPath is not null) File.Delete(_holderPath);
            await _file.DisposeAsync();
        }
    }
}
