using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// `satdaemon run --standby` as real processes on the real PostgreSQL: the lock held from another session keeps it from
/// launching anything, it shows in ctl status while it waits, it takes over once the lock is free, power-down stops it
/// with the active daemon, and SQLite refuses it with one line.
/// </summary>
public sealed class StandbyFacts(ITestOutputHelper output)
{
    private const string FrameId = "081A_STANDBY_TEST";

    // The daemon lock's key (docs/design.md §14, DaemonLock): every build of SatDaemon must use this one.
    private const long DaemonLockKey = 0x5A7DAE30;

    // Generous: a bound on a wait, not a timing (a daemon's start and first pass on a loaded 2-core machine).
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [ServiceFact(Needs.Postgres)]
    public async Task A_standby_launches_nothing_while_another_session_holds_the_lock_and_takes_over_once_it_is_free()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, 0.2, simulate: false);
        DaemonTestBed.ShellJobs(bed.Config, 0.2);
        bed.WriteConfig();
        await bed.AddFrameAsync(FrameId, 3, ProcLevel.Download);

        // The test's own session plays the active daemon: it holds the lock, nothing else.
        var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(bed.Factory.Url.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({DaemonLockKey})", holder))
            Assert.Equal(true, await take.ExecuteScalarAsync());

        var standby = bed.StartProcess("--standby");
        // ctl status lists it (its host and pid, from pg_stat_activity): it is past its start and waiting.
        await WaitFor.ConditionAsync(async () => (await StatusAsync(bed)).Standbys.Any(s => s.Pid == standby.Id), Bound, "ctl status lists the standby",
            dump: bed.Factory);
        var status = await StatusAsync(bed);
        var listed = Assert.Single(status.Standbys);
        var text = await CtlStatusTextAsync(bed);
        // Three of its looks at the lock (one a second) while the lock is held.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var launchedWhileHeld = await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Launched));
        var runningWhileHeld = await bed.CountAsync<RunningJob>();
        var heartbeatWhileHeld = await bed.CountAsync<DaemonTools>(q => q.Where(d => d.Heartbeat != null));
        var downloads = await bed.CountAsync<IfgRow>() + await bed.CountAsync<MasterRow>();
        output.WriteLine($"standby pid {standby.Id}: listed as {listed}; after 3 s behind the held lock: launched {launchedWhileHeld}, running {runningWhileHeld}, "
            + $"heartbeats {heartbeatWhileHeld}; ctl status:\n{text}");

        await holder.DisposeAsync(); // the session ends: PostgreSQL frees its advisory lock
        var freed = Stopwatch.StartNew();
        await WaitFor.ConditionAsync(async () =>
        {
            await using var db = bed.Factory.Create();
            return await db.DaemonTools.AnyAsync(d => d.DaemonPid == standby.Id && d.Heartbeat != null);
        }, Bound, "the standby's first heartbeat", dump: bed.Factory);
        output.WriteLine($"lock freed → the standby's first heartbeat: {freed.Elapsed.TotalSeconds:0.0} s");
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<IfgRow>(q => q.Where(r => r.ProcStage == 2)) == downloads - 1
                                                 && await bed.CountAsync<MasterRow>(q => q.Where(r => r.ProcStage == 2)) == 1,
            Bound, "every download done by the standby", dump: bed.Factory);
        var afterTakeover = await StatusAsync(bed);
        await bed.Controller.PowerDownAsync();
        Assert.True(standby.WaitForExit(Bound), string.Join('\n', bed.Output));

        Assert.Equal(0, launchedWhileHeld);
        Assert.Equal(0, runningWhileHeld);
        Assert.Equal(0, heartbeatWhileHeld);
        Assert.Equal(standby.Id, listed.Pid);
        Assert.Equal(Environment.MachineName, listed.Host);
        Assert.NotNull(listed.Since);
        Assert.Contains($"standby: waiting on {Environment.MachineName} pid {standby.Id}", text);
        // Once active it is no longer a standby, and the daemon line names it.
        Assert.Empty(afterTakeover.Standbys);
        Assert.Equal(standby.Id, afterTakeover.DaemonPid);
        Assert.Equal(downloads, await bed.CountAsync<JobEvent>(q => q.Where(e => e.Kind == JobEventKinds.Finished)));
        Assert.Equal(0, standby.ExitCode);
    }

    [ServiceFact(Needs.Postgres)]
    public async Task Power_down_stops_the_active_daemon_and_the_waiting_standby_and_neither_takes_over()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, 0.2, simulate: false);
        var active = bed.StartProcess();
        await WaitFor.ConditionAsync(async () =>
        {
            await using var db = bed.Factory.Create();
            return await db.DaemonTools.AnyAsync(d => d.DaemonPid == active.Id && d.Heartbeat != null);
        }, Bound, "the active daemon's first heartbeat", dump: bed.Factory);
        var standby = bed.StartProcess("--standby");
        try
        {
            await WaitFor.ConditionAsync(async () => (await StatusAsync(bed)).Standbys.Any(s => s.Pid == standby.Id), Bound, "ctl status lists the standby",
                dump: bed.Factory);
        }
        catch (TimeoutException)
        {
            output.WriteLine($"standby exited {standby.HasExited}; output:\n" + string.Join('\n', bed.Output));
            throw;
        }
        var text = await CtlStatusTextAsync(bed);

        await bed.Controller.PowerDownAsync();
        var activeExited = active.WaitForExit(Bound);
        var standbyExited = standby.WaitForExit(Bound);
        await using var db = bed.Factory.Create();
        var tools = await db.DaemonTools.AsNoTracking().SingleAsync();
        output.WriteLine($"active pid {active.Id} exited {activeExited} ({(activeExited ? active.ExitCode : -1)}), standby pid {standby.Id} exited {standbyExited} "
            + $"({(standbyExited ? standby.ExitCode : -1)}); daemon_tools: pid {tools.DaemonPid}, power_down {tools.PowerDown}; ctl status before:\n{text}\n"
            + string.Join('\n', bed.Output));

        Assert.Contains($"daemon: alive on {Environment.MachineName} pid {active.Id} since ", text);
        Assert.Contains($"standby: waiting on {Environment.MachineName} pid {standby.Id}", text);
        Assert.True(activeExited && standbyExited);
        Assert.Equal(0, active.ExitCode);
        Assert.Equal(0, standby.ExitCode);
        // The active daemon's clean stop, not overwritten by a standby that took the lock on its way out; power_down cleared for the next start.
        Assert.Null(tools.DaemonPid);
        Assert.False(tools.PowerDown);
        Assert.DoesNotContain(bed.Output, l => l.Contains("standby taking over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_SQLite_a_standby_is_refused_with_one_line_and_exit_2_by_flag_and_by_config()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, simulate: false);
        var byFlag = bed.StartProcess("--standby");
        Assert.True(byFlag.WaitForExit(Bound));
        var flagLines = bed.Output.ToList();
        bed.Output.Clear();
        bed.Config.Set("PARAMETERS", "standby", "true");
        bed.WriteConfig();
        var byConfig = bed.StartProcess();
        Assert.True(byConfig.WaitForExit(Bound));
        var configLines = bed.Output.ToList();
        output.WriteLine($"--standby: exit {byFlag.ExitCode}: {string.Join(" | ", flagLines)}\nstandby = true: exit {byConfig.ExitCode}: {string.Join(" | ", configLines)}");

        foreach (var (p, lines) in new[] { (byFlag, flagLines), (byConfig, configLines) })
        {
            Assert.Equal(2, p.ExitCode);
            var line = Assert.Single(lines);
            Assert.StartsWith("satdaemon: ", line);
            Assert.Contains("PostgreSQL", line);
        }
        Assert.Equal(0, await bed.CountAsync<DaemonTools>(q => q.Where(d => d.Heartbeat != null)));
    }

    [Fact]
    public async Task Once_and_standby_together_are_refused_with_one_line_and_exit_2()
    {
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Sqlite, 0.2, simulate: false);
        var p = bed.StartProcess("--once --standby");
        Assert.True(p.WaitForExit(Bound));
        p.WaitForExit(); // the output readers have drained
        var lines = bed.Output.ToList();
        output.WriteLine($"exit {p.ExitCode}: {string.Join(" | ", lines)}");

        Assert.Equal(2, p.ExitCode);
        var line = Assert.Single(lines);
        Assert.Contains("--once", line);
        Assert.Contains("--standby", line);
        Assert.Equal(0, await bed.CountAsync<DaemonTools>(q => q.Where(d => d.Heartbeat != null)));
    }

    private static Task<SatDaemon.Control.DaemonStatus> StatusAsync(DaemonTestBed bed) =>
        bed.Controller.GetStatusAsync(bed.LoadConfig().Machines, TimeSpan.FromSeconds(1));

    /// <summary>`satdaemon-tools ctl status` as an operator reads it (in-process: the same parser, command and output).</summary>
    private static async Task<string> CtlStatusTextAsync(DaemonTestBed bed) =>
        (await ToolInProcess.RunAsync("ctl", "status", "-d", bed.ConfigPath)).Stdout;
}
