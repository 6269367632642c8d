using System.Threading.Channels;
using Npgsql;
using SatDaemon.Database.Jobs;
using SatDaemon.Configuration;
using SatDaemon.Database.Providers;

namespace SatDaemon.Database.Daemon;

/// <summary>
/// Wakes the daemon between passes as soon as a writer asks for a pass. On PostgreSQL every request
/// (<see cref="DaemonFlags"/>: a job's end, a retry, any ctl change, power-down) notifies channel
/// <see cref="Channel"/> in the writer's transaction, and this class LISTENs on one dedicated connection of its own
/// (<see cref="ApplicationName"/> in pg_stat_activity). <see cref="WaitAsync"/> returns early when a notification has
/// arrived since the last wait ended, so a notification that comes during a pass starts the next one at once.
/// SQLite has no notifications: <see cref="WaitAsync"/> only waits, and the daemon's glance at daemon_tools stays its
/// wake-up. A lost connection is reported once (<c>lost</c>), retried every <c>reconnectAfter</c> while the glance
/// covers, and reported once when back; on its return one wake-up is given for whatever was notified meanwhile.
/// </summary>
public sealed class PassWakeup : IAsyncDisposable
{
    /// <summary>The NOTIFY channel; per database, so daemons of other databases on the same server never hear it.</summary>
    public const string Channel = SatDaemon.JobRecords.JobListDirtyFrames.WakeupChannel;

    /// <summary>Application Name of the listening connection.</summary>
    public const string ApplicationName = "satdaemon-wakeup";

    private readonly string? _connectionString;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reconnectAfter;
    private readonly Action<Exception>? _lost;
    private readonly Action? _back;
    // Capacity 1, extra writes dropped: any number of notifications between two waits is one reason to pass.
    private readonly Channel<bool> _pending = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _listening;
    private volatile bool _connected;

    /// <param name="lost">Called once when the listening connection fails (or cannot be opened), not again until it is back.</param>
    /// <param name="back">Called once when it listens again after a failure.</param>
    public PassWakeup(SatDbFactory factory, TimeProvider time, TimeSpan reconnectAfter, Action<Exception>? lost = null, Action? back = null)
    {
        _time = time;
        _reconnectAfter = reconnectAfter;
        _lost = lost;
        _back = back;
        if (factory.Url.Provider == DatabaseProvider.PostgreSql)
        {
            // Its own connection, outside any pool, so a failure closes it for good; keepalive queries find a dead
            // peer while the connection only waits (a dropped network would otherwise leave it waiting for ever).
            var b = new NpgsqlConnectionStringBuilder(factory.Url.ConnectionString) { Pooling = false, KeepAlive = 30 };
            b.ApplicationName = ApplicationName;
            _connectionString = b.ConnectionString;
        }
    }

    /// <summary>True while the listening connection is up (always false on SQLite).</summary>
    public bool Listening => _connected;

    /// <summary>Starts listening in the background (PostgreSQL; nothing on SQLite). Never throws for the database.</summary>
    public void Start()
    {
        if (_connectionString is null || _listening is not null) return;
        _listening = Task.Run(() => ListenLoopAsync(_stop.Token));
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/>; true as soon as a notification has arrived since the last wait ended
    /// (at once if one came meanwhile), false when the time ran out.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_pending.Reader.TryRead(out _)) return true;
        if (timeout <= TimeSpan.Zero) return false;
        using var timer = new CancellationTokenSource(timeout, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _pending.Reader.WaitToReadAsync(either.Token);
            return _pending.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ListenLoopAsync(CancellationToken ct)
    {
        var failing = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += (_, _) => _pending.Writer.TryWrite(true);
                await connection.OpenAsync(ct);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                    await listen.ExecuteNonQueryAsync(ct);
                _connected = true;
                if (failing)
                {
                    failing = false;
                    _back?.Invoke();
                    // Whatever was notified while nobody listened: one pass now rather than at the next glance.
                    _pending.Writer.TryWrite(true);
                }
                // Returns after each notification (raised on this connection just before); throws when the connection breaks.
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _connected = false;
                if (!failing)
                {
                    failing = true;
                    _lost?.Invoke(e);
                }
            }
            try
            {
                await Task.Delay(_reconnectAfter, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listening is not null)
        {
            try { await _listening; }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}
