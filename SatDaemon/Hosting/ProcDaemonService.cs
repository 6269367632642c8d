using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Control.Teams;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;

namespace SatDaemon.Hosting;

/// <summary>
/// Hosts the ProcDaemon loop: one pass per iteration; errors in a pass are logged and survived; only cancellation,
/// power-down or losing the database lock end it. A crash outside a pass is reported to the terminal and to Teams.
/// </summary>
public sealed class ProcDaemonService(
    ProcDaemon daemon,
    SatDaemonConfig config,
    SatDbFactory db,
    DaemonStore store,
    ITeamsNotifier teams,
    DaemonOptions options,
    DaemonExit exit,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    DaemonInsight insight,
    PassWakeup wakeup,
    ILogger<ProcDaemonService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var daemonLock = new DaemonLock(db);
        try
        {
            await CheckJobTypesAsync(stoppingToken);
            if (options.Standby)
            {
                if (!await WaitAsStandbyAsync(daemonLock, stoppingToken))
                {
                    // Power-down while waiting: the standby stops with the active daemon (exit 0, not restarted).
                    DaemonLog.PowerDownStandby(log, "asked while this standby waited; it stops without taking over");
                    DaemonLog.Stopped(log, "power-down");
                    exit.Code = DaemonExit.Ok;
                    lifetime.StopApplication();
                    return;
                }
            }
            else await daemonLock.AcquireAsync(time, stoppingToken);
            // Before any reconcile: a daemon on a copy of another installation's database must neither adopt nor
            // stop that installation's jobs (InstallationCopyException names the command that settles it).
            await store.InstanceIdAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // SIGTERM while a standby waits (or before the lock): it never held the lock, so there is nothing to record.
            DaemonLog.Stopped(log, "signal");
            return;
        }
        catch (Exception e) when (e is InvalidOperationException or ConfigException || DatabaseUnavailableException.From(db.Url, e) is not null)
        {
            // One line each on the terminal and in the log, no stack trace: what is wrong is all in the message.
            // Exit 2 (not restarted by systemd) only where a restart cannot help: a config error, or the database
            // held by another daemon. A database that cannot be read yet (still starting, network) is 1: restart.
            var message = e is ConfigException ? e.Message : DatabaseUnavailableException.From(db.Url, e)?.Message ?? e.Message;
            var another = message.Contains("another satdaemon");
            if (another) DaemonLog.AnotherDaemon(log, message);
            else DaemonLog.StartRefused(log, message);
            DaemonLog.FailureDetail(log, e);
            Console.Error.WriteLine("satdaemon: " + message);
            exit.Code = e is ConfigException or Database.Jobs.InstallationCopyException || another ? DaemonExit.UsageOrConfig : DaemonExit.Failed;
            lifetime.StopApplication();
            return;
        }
        DaemonLog.Starting(log, Environment.MachineName, Environment.ProcessId, store.DisplayName, daemon.Machines.Count, options.PollInterval.TotalSeconds);
        // Started before the first pass: a change committed during it (once LISTEN is in) starts the next one at once.
        // Not for --once, which never waits between passes.
        if (!options.Once) wakeup.Start();
        var why = "done";
        try
        {
            why = await LoopAsync(daemonLock, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // systemd stop or Ctrl-C: jobs keep running detached and are adopted at the next start.
            why = "signal";
        }
        catch (Exception e) when (DatabaseUnavailableException.From(db.Url, e) is { } unavailable && (unavailable.Away || unavailable.SchemaMissing))
        {
            // --once with the database gone mid-pass: one line, the trace only at debug.
            DaemonLog.StartRefused(log, unavailable.Message);
            DaemonLog.FailureDetail(log, e);
            Console.Error.WriteLine("satdaemon: " + unavailable.Message);
            exit.Code = DaemonExit.Failed;
            why = "database unavailable";
        }
        catch (Exception e)
        {
            DaemonLog.Crashed(log, e);
            Console.Error.WriteLine($"satdaemon crashed: {e.GetType().Name}: {e.Message}");
            teams.TryEnqueue(new TeamsMessage("SatDaemon crashed", TeamsSeverity.Error,
                [new("Host", Environment.MachineName), new("Pid", Environment.ProcessId.ToString()), new("Error", $"{e.GetType().Name}: {e.Message}")],
                e.StackTrace));
            await teams.FlushAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            exit.Code = 1;
            why = "crashed";
        }
        await RecordStoppedAsync(why);
        lifetime.StopApplication();
    }

    /// <summary>Best effort, on a fresh token (the stopping one is already cancelled), bounded: a database that is away must not hold the exit.</summary>
    private async Task RecordStoppedAsync(string why)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await store.RecordStoppedAsync(bound.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ctl status then ages the heartbeat instead: "not running (last heartbeat …)".
            DaemonLog.FailureDetail(log, e);
        }
        DaemonLog.Stopped(log, why);
    }

    /// <summary>The pass loop; returns why it ended ("power-down", "once").</summary>
    private async Task<string> LoopAsync(DaemonLock daemonLock, CancellationToken ct)
    {
        var consecutiveFailures = 0;
        while (!ct.IsCancellationRequested)
        {
            var running = 0;
            try
            {
                await daemonLock.EnsureHeldAsync(time, ct);
                var started = time.GetTimestamp();
                var result = await daemon.RunPassAsync(ct);
                insight.RecordPass(result, time.GetElapsedTime(started));
                consecutiveFailures = 0;
                running = result.Running;
                if (result.PowerDownComplete)
                {
                    await LetStandbysStopAsync(ct);
                    await store.ClearPowerDownAsync(ct);
                    DaemonLog.PowerDownComplete(log);
                    exit.Code = 0;
                    return "power-down";
                }
                if (options.Once) return "once";
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not DaemonLockLostException)
            {
                // A pass failed (database restarting, a bug in one row): log it, wait, try again.
                consecutiveFailures++;
                // The database away (restarting, network) is expected now and then: one line. Anything else is a bug: the trace.
                if (DatabaseUnavailableException.From(db.Url, e) is { } unavailable && (unavailable.Away || unavailable.SchemaMissing))
                {
                    DaemonLog.PassFailedDatabase(log, unavailable.Message);
                    DaemonLog.FailureDetail(log, e);
                }
                else DaemonLog.PassFailed(log, e);
                if (options.Once) throw;
                if (consecutiveFailures == 5)
                    teams.TryEnqueue(new TeamsMessage("SatDaemon passes are failing", TeamsSeverity.Error,
                        [new("Host", Environment.MachineName), new("Error", $"{e.GetType().Name}: {e.Message}")]));
            }
            await WaitForNextPassAsync(running, consecutiveFailures > 0, ct);
        }
        return "signal";
    }

    /// <summary>Waits on the daemon lock as a standby; true once it holds the lock, false when power-down was asked.</summary>
    private async Task<bool> WaitAsStandbyAsync(DaemonLock daemonLock, CancellationToken ct)
    {
        DaemonLog.StandbyWaiting(log, Environment.MachineName, Environment.ProcessId, store.DisplayName, await store.HolderAsync(ct),
            options.StandbyPollInterval.TotalSeconds);
        var started = time.GetTimestamp();
        string? lastFailure = null;
        // Power-down stops a waiting standby too: the same flags a running daemon reads between passes.
        var held = await daemonLock.WaitAsync(time, options.StandbyPollInterval, async c => (await store.TryReadControlAsync(c))?.PowerDown == true, e =>
        {
            // Once per kind of failure, not once a second while the database is away.
            var reason = e.GetBaseException().Message;
            if (reason != lastFailure) DaemonLog.StandbyPollFailed(log, reason);
            lastFailure = reason;
        }, ct);
        if (held) DaemonLog.StandbyTakingOver(log, time.GetElapsedTime(started).TotalSeconds);
        return held;
    }

    /// <summary>
    /// Power-down stops the standbys too: they look at power_down while they wait, so the flag stays set (and the lock
    /// held) until none is left, at most <see cref="DaemonOptions.StandbyLeaveBound"/>; cleared at once, a standby that had
    /// not looked yet would take the lock as this daemon exits and run on.
    /// </summary>
    private async Task LetStandbysStopAsync(CancellationToken ct)
    {
        var until = time.GetUtcNow() + options.StandbyLeaveBound;
        var said = false;
        while (true)
        {
            IReadOnlyList<StandbyDaemon> standbys;
            try { standbys = await StandbyDaemons.ListAsync(db, ct); }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                DaemonLog.FailureDetail(log, e);
                return;
            }
            if (standbys.Count == 0) return;
            if (time.GetUtcNow() >= until)
            {
                DaemonLog.PowerDownStandby(log, $"standby {Describe(standbys)} still waits after {options.StandbyLeaveBound.TotalSeconds:0} s; clearing power_down anyway");
                return;
            }
            if (!said) DaemonLog.PowerDownStandby(log, $"waiting for standby {Describe(standbys)} to stop");
            said = true;
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }

        static string Describe(IReadOnlyList<StandbyDaemon> standbys) => string.Join(", ", standbys.Select(s => $"{s.Host} pid {s.Pid}"));
    }

    /// <summary>
    /// Sleeps until the poll interval ends, waking early when a ctl command or a finished job asks for a pass: at once
    /// on a notification (PostgreSQL), else at the next glance at daemon_tools and running_jobs (SQLite, or while the
    /// listener is away). A notification also ends the wait after a failed pass: the database answers again.
    /// </summary>
    private async Task WaitForNextPassAsync(int running, bool afterFailure, CancellationToken ct)
    {
        var until = time.GetUtcNow() + options.PollInterval;
        while (time.GetUtcNow() < until)
        {
            var step = until - time.GetUtcNow();
            if (await wakeup.WaitAsync(step < options.WakeCheckInterval ? step : options.WakeCheckInterval, ct))
            {
                DaemonLog.WokenByNotification(log);
                return;
            }
            if (afterFailure) continue;
            try
            {
                if (await daemon.WantsPassAsync(running, ct)) return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                afterFailure = true; // database away: stop glancing, wait out the interval
            }
        }
    }

    /// <summary>Every stage's job type needs a [JOB:type] section; better to refuse at start than fail at 3 a.m.</summary>
    private async Task CheckJobTypesAsync(CancellationToken ct)
    {
        IReadOnlyList<string> jobTypes;
        try { jobTypes = await store.StageJobTypesAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The innermost message says what happened ("Connection refused", "no such table"); EF's wrapper only
            // says that something failed.
            throw (Exception?)DatabaseUnavailableException.From(db.Url, e)
                  ?? new InvalidOperationException($"cannot read the stage tables of {store.DisplayName}: {e.GetBaseException().Message}", e);
        }
        foreach (var type in jobTypes)
            if (!config.JobTypes.ContainsKey(type))
                throw new ConfigException(config.FilePath, "JOB:" + type, null, $"the stage tables use job type '{type}', but the config has no [JOB:{type}] section");
    }
}
