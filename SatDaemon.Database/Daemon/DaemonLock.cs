using SatDaemon.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using Npgsql;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database.Daemon;

/// <summary>
/// Only one daemon per database: a PostgreSQL session advisory lock (held by a connection kept open for the
/// daemon's life), or an exclusive lock file beside the SQLite database. The holder writes its host and pid into
/// daemon_tools so a second daemon can say who is in the way.
/// </summary>
public sealed class DaemonLock : IAsyncDisposable
{
    // Arbitrary but fixed: every SatDaemon build must use the same key.
    private const long AdvisoryKey = 0x5A7DAE30;
    private readonly SatDbFactory _factory;
    private NpgsqlConnection? _pg;
    private FileStream? _file;

    public DaemonLock(SatDbFactory factory) => _factory = factory;

    /// <summary>Takes the lock or throws <see cref="InvalidOperationException"/> naming the daemon that holds it.</summary>
    public async Task AcquireAsync(TimeProvider time, CancellationToken ct)
    {
        if (_factory.Url.Provider == DatabaseProvider.PostgreSql)
        {
            var cs = new NpgsqlConnectionStringBuilder(_factory.Url.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
            _pg = new NpgsqlConnection(cs);
            await _pg.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", _pg);
            cmd.Parameters.AddWithValue("k", AdvisoryKey);
            if (await cmd.ExecuteScalarAsync(ct) is not true)
            {
                await _pg.DisposeAsync();
                _pg = null;
                throw new InvalidOperationException(await HolderMessageAsync(ct));
            }
        }
        else
        {
            var path = new SqliteConnectionStringBuilder(_factory.Url.ConnectionString).DataSource + ".daemon.lock";
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Linux; it dies with the process.
                _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                throw new InvalidOperationException(await HolderMessageAsync(ct));
            }
        }
        await using var db = _factory.Create();
        var host = Environment.MachineName;
        var pid = Environment.ProcessId;
        var now = time.GetUtcNow().UtcDateTime;
        await db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DaemonHost, host).SetProperty(d => d.DaemonPid, pid).SetProperty(d => d.DaemonStartedAt, now), ct);
    }

    /// <summary>
    /// Checks the lock is still ours. A dropped PostgreSQL connection releases the advisory lock, so it is
    /// taken again on a new connection; if another daemon took it meanwhile, this one must stop.
    /// </summary>
    public async Task EnsureHeldAsync(TimeProvider time, CancellationToken ct)
    {
        if (_pg is null) return;
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT 1", _pg);
            await cmd.ExecuteScalarAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await _pg.DisposeAsync();
            _pg = null;
            try
            {
                await AcquireAsync(time, ct);
            }
            catch (InvalidOperationException lost)
            {
                throw new DaemonLockLostException("lost the database lock: " + lost.Message, lost);
            }
        }
    }

    private async Task<string> HolderMessageAsync(CancellationToken ct)
    {
        try
        {
            await using var db = _factory.Create();
            var t = await db.DaemonTools.AsNoTracking().FirstOrDefaultAsync(d => d.Id == 1, ct);
            return t?.DaemonHost is null
                ? $"another satdaemon already runs against {_factory.Url.DisplayName}"
                : $"another satdaemon already runs against {_factory.Url.DisplayName}: host {t.DaemonHost} pid {t.DaemonPid} (started {t.DaemonStartedAt:yyyy-MM-dd HH:mm:ss} UTC, heartbeat {t.Heartbeat:yyyy-MM-dd HH:mm:ss} UTC)";
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return $"another satdaemon already runs against {_factory.Url.DisplayName}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null) await _pg.DisposeAsync();
        if (_file is not null) await _file.DisposeAsync();
    }
}
