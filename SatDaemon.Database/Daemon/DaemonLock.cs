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
/// daemon_tools so a second daemon can say who is in the way. A standby (<see cref="WaitAsync"/>) waits for the
/// PostgreSQL lock instead of giving up: holding it is what makes a daemon the active one, so a standby never launches
/// while the active daemon's session lives.
/// </summary>
public sealed class DaemonLock : IAsyncDisposable
{
    // Arbitrary but fixed: every SatDaemon build must use the same key.
    public const long AdvisoryKey = 0x5A7DAE30;
    private readonly SatDbFactory _factory;
    private NpgsqlConnection? _pg;
    private FileStream? _file;

    public DaemonLock(SatDbFactory factory) => _factory = factory;

    /// <summary>Takes the lock or throws <see cref="InvalidOperationException"/> naming the daemon that holds it.</summary>
    public async Task AcquireAsync(TimeProvider time, CancellationToken ct)
    {
        if (_factory.Url.Provider == DatabaseProvider.PostgreSql)
        {
            _pg = new NpgsqlConnection(LockConnectionString(null));
            await _pg.OpenAsync(ct);
            if (!await TryLockAsync(_pg, ct))
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
        await RecordHolderAsync(time, ct);
    }

    /// <summary>
    /// A standby's wait: polls the PostgreSQL lock every <paramref name="every"/> on a connection of its own, named
    /// for <see cref="StandbyDaemons"/> so ctl status and the console list this standby, until the lock is free
    /// (the active daemon's session ended: PostgreSQL releases a session's advisory locks when its connection
    /// drops, a SIGKILLed daemon's included) and then holds it on that same connection. Returns false, without the
    /// lock, once <paramref name="giveUp"/> says so (asked before each look at the lock: the daemon's power-down, which
    /// stops the standby too). A lost connection is opened again at the next poll; the lock is never held meanwhile,
    /// so nothing launches on a guess.
    /// </summary>
    /// <exception cref="InvalidOperationException">On SQLite, which has no standby (one line, said at start).</exception>
    public async Task<bool> WaitAsync(TimeProvider time, TimeSpan every, Func<CancellationToken, Task<bool>> giveUp, Action<Exception>? pollFailed,
        CancellationToken ct)
    {
        if (_factory.Url.Provider != DatabaseProvider.PostgreSql)
            throw new InvalidOperationException(SqliteStandbyRefusal);
        var name = StandbyDaemons.ApplicationName(Environment.MachineName, Environment.ProcessId);
        while (true)
        {
            try
            {
                if (_pg is null)
                {
                    _pg = new NpgsqlConnection(LockConnectionString(name));
                    await _pg.OpenAsync(ct);
                }
                if (await giveUp(ct))
                {
                    await _pg.DisposeAsync();
                    _pg = null;
                    return false;
                }
                if (await TryLockAsync(_pg, ct))
                {
                    // No longer a standby: the connection leaves the standby list the moment it holds the lock.
                    await using (var rename = new NpgsqlCommand("SELECT set_config('application_name', @n, false)", _pg))
                    {
                        rename.Parameters.AddWithValue("n", ActiveApplicationName);
                        await rename.ExecuteScalarAsync(ct);
                    }
                    await RecordHolderAsync(time, ct);
                    return true;
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException && !ct.IsCancellationRequested)
            {
                pollFailed?.Invoke(e);
                if (_pg is not null) await _pg.DisposeAsync();
                _pg = null;
            }
            await Task.Delay(every, time, ct);
        }
    }

    /// <summary>Why a standby cannot run on SQLite (satdaemon exits 2 with this line).</summary>
    public const string SqliteStandbyRefusal =
        "--standby (standby = true) needs PostgreSQL: a SQLite database has one host, and there systemd's Restart= already starts the daemon again";

    /// <summary>Application Name of the connection that holds the lock.</summary>
    public const string ActiveApplicationName = "satdaemon-lock";

    /// <summary>
    /// The lock's own connection. The server's keepalives on it are short (probe after 3 s idle, every 2 s, 3 misses):
    /// a daemon whose host died, or lost the network, sends no FIN, and with the kernel's default (2 h) its session,
    /// and with it the lock, would outlive it; so PostgreSQL ends it within ~10 s and a standby can take over.
    /// </summary>
    private string LockConnectionString(string? applicationName)
    {
        var b = new NpgsqlConnectionStringBuilder(_factory.Url.ConnectionString)
        {
            Pooling = false, KeepAlive = 30, ApplicationName = applicationName ?? ActiveApplicationName,
        };
        b.Options = (b.Options is { Length: > 0 } o ? o + " " : "") + "-c tcp_keepalives_idle=3 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3";
        return b.ConnectionString;
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", connection);
        cmd.Parameters.AddWithValue("k", AdvisoryKey);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    private async Task RecordHolderAsync(TimeProvider time, CancellationToken ct)
    {
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
