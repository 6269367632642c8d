namespace SatDaemon.Hosting;

/// <summary>Daemon tuning that is not in satdaemon.cfg; defaults are what production uses.</summary>
public sealed class DaemonOptions
{
    /// <summary>Between full passes (from [PARAMETERS] poll_interval).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>While waiting for the next pass, daemon_tools and running_jobs are glanced at this often,
    /// so a ctl command or a finished job starts a pass within it. Cheap: two indexed reads. On PostgreSQL a
    /// notification (PassWakeup) starts the pass at once and this glance is only the fallback; on SQLite it is the wake-up.</summary>
    public TimeSpan WakeCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A lost wake-up listener (PostgreSQL LISTEN connection) is opened again this often; the glance covers meanwhile.</summary>
    public TimeSpan WakeupReconnectInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A job that waited longer than this may reserve a machine (see PlacementPlanner).</summary>
    public TimeSpan StarvationAge { get; init; } = TimeSpan.FromHours(2);

    /// <summary>At most this many launches per pass; spreads SSH load. Null = no limit.</summary>
    public int? MaxLaunchesPerPass { get; init; }

    /// <summary>
    /// A claimed job with no process and no log is queued again only once its claim is this old: a daemon
    /// killed mid-launch may have sent the command, and the remote shell may not have created the log yet.
    /// </summary>
    public TimeSpan LaunchGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The background ingest runs this often (from [PARAMETERS] ingest_interval); null: no background ingest.</summary>
    public TimeSpan? IngestInterval { get; init; }

    /// <summary>
    /// A standby (satdaemon run --standby, [PARAMETERS] standby = true): wait on the daemon lock, take over when the
    /// active daemon dies. PostgreSQL only.
    /// </summary>
    public bool Standby { get; init; }

    /// <summary>A standby looks at the daemon lock (and the power_down flag) this often: takeover within it of the lock's release.</summary>
    public TimeSpan StandbyPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a power-down the active daemon keeps power_down set, holding the lock, until every waiting standby has seen
    /// it and gone, at most this long; only then clears it and exits, so no standby takes over a powered-down database.
    /// </summary>
    public TimeSpan StandbyLeaveBound { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Exit after one pass (satdaemon --once).</summary>
    public bool Once { get; init; }
}
