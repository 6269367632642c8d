using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>
/// An active daemon and a standby (`satdaemon run --standby`) on the real PostgreSQL and the two sshd machines; the
/// active one is SIGKILLed 5 times while one frame's 40 downloads run, each time the daemon that took over the last time,
/// and a fresh standby is started after each takeover. The takeover time is the test's own clock from the kill to the
/// standby holding the lock (daemon_tools names it), and to its first heartbeat (its first pass done).
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed class StandbyTakeoverFaults(ITestOutputHelper output)
{
    private const int Kills = 5;
    private const string FrameId = "091A_STANDBY_TAKEOVER";

    // DESIGN §14 / issue #30: a standby takes over within 10 s of the active daemon's death.
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(10);

    [ServiceFact(Needs.Ssh)]
    public async Task The_standby_takes_over_each_of_5_SIGKILLed_active_daemons_and_every_job_runs_exactly_once()
    {
        var job = LedgerJob.Create(progress: false);
        try
        {
            await TakeOverAgainAndAgainAsync(job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task TakeOverAgainAndAgainAsync(LedgerJob job)
    {
        await using var bed = await FaultBed.CreateAsync(job, 4);
        var targets = await FaultBed.AddFrameAsync(bed, FrameId, 40);
        var watch = Stopwatch.StartNew();
        var active = bed.StartProcess();
        await WaitHoldingAsync(bed, active, DateTime.UnixEpoch, Stopwatch.StartNew(), TimeSpan.FromMinutes(3));
        var standby = await StartStandbyAsync(bed);

        var locks = new List<TimeSpan>();
        var takeovers = new List<TimeSpan>();
        var runningAtKill = new List<int>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Killed while jobs run: the standby must adopt them, not launch them again.
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>() > 0 || await FaultBed.DownloadsSettledAsync(bed),
                TimeSpan.FromMinutes(1), $"jobs running before kill {kill}", dump: bed.Factory);
            runningAtKill.Add(await bed.CountAsync<RunningJob>());
            var killedAt = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            active.Kill(); // SIGKILL: no clean stop, the lock goes only with its PostgreSQL session
            await WaitFor.ConditionAsync(FaultBed.Tolerant(async () =>
            {
                await using var db = bed.Factory.Create();
                return await db.DaemonTools.AnyAsync(d => d.DaemonPid == standby.Id);
            }), TimeSpan.FromMinutes(3), $"pid {standby.Id} taking the lock", poll: TimeSpan.FromMilliseconds(50), dump: bed.Factory);
            locks.Add(clock.Elapsed);
            await WaitHoldingAsync(bed, standby, killedAt, clock, TimeSpan.FromMinutes(3));
            takeovers.Add(clock.Elapsed);
            output.WriteLine($"kill {kill}: pid {active.Id} killed with {runningAtKill[^1]} jobs running; pid {standby.Id} held the lock after "
                + $"{locks[^1].TotalSeconds:0.00} s, first heartbeat after {takeovers[^1].TotalSeconds:0.00} s");
            active = standby;
            standby = await StartStandbyAsync(bed);
        }

        await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(3), "every download ended", dump: bed.Factory);
        await bed.Controller.PowerDownAsync();
        var bothStopped = active.WaitForExit(TimeSpan.FromMinutes(1)) & standby.WaitForExit(TimeSpan.FromMinutes(1));

        var ledger = await FaultBed.EventLedgerAsync(bed);
        var runs = job.Read();
        var census = ProcessCensus.Take(job.Marker);
        FaultBed.Figures(output, "standby takeover x" + Kills,
            $"kill → the standby holds the lock: {Seconds(locks)}; kill → its first heartbeat (a whole pass: reconcile, adopt, plan, launch): "
            + $"{Seconds(takeovers)}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; jobs running at each kill: "
            + $"{string.Join(", ", runningAtKill)}; {runs.Figures()}; processes left {census.Count}; job_events: {ledger}; {watch.Elapsed.TotalSeconds:0} s in all");
        output.WriteLine(runs.ToString());

        Assert.True(bothStopped, "power-down stops the active daemon and the standby\n" + string.Join('\n', bed.Output));
        // Taking over is holding the lock (then it reconciles, adopts and launches as any daemon's first pass does).
        Assert.All(locks, t => Assert.True(t < TakeoverBound, $"the lock was taken {t.TotalSeconds:0.00} s after the kill"));
        // The commands' own ledger: every download ran exactly once and finished; nothing ran twice at a time.
        Assert.Empty(runs.Problems(targets));
        Assert.Empty(census);
        Assert.True(ledger.Balanced && ledger.Duplicates.Count == 0, ledger + "\n" + await bed.DumpAsync());
        Assert.Equal(0, ledger.Failed);
        Assert.Equal(targets.Count, ledger.Finished);
        Assert.Empty(await FaultBed.InconsistenciesAsync(bed));
        FaultFigures.Record("standby takeover x" + Kills, ledger, faults: Kills, watch.Elapsed);
    }

    private static string Seconds(List<TimeSpan> times) =>
        string.Join(", ", times.Select(t => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"))
        + string.Create(CultureInfo.InvariantCulture, $" (max {times.Max().TotalSeconds:0.00} s)");

    /// <summary>A standby process, once pg_stat_activity lists it as waiting (the lock may only be free after that).</summary>
    private static async Task<Process> StartStandbyAsync(DaemonTestBed bed)
    {
        var standby = bed.StartProcess("--standby");
        await WaitFor.ConditionAsync(async () =>
        {
            var status = await bed.Controller.GetStatusAsync(bed.LoadConfig().Machines, TimeSpan.FromSeconds(1));
            return status.Standbys.Any(s => s.Pid == standby.Id);
        }, TimeSpan.FromMinutes(3), $"standby pid {standby.Id} waiting", dump: bed.Factory);
        return standby;
    }

    /// <summary>Until daemon_tools names <paramref name="daemon"/> and it wrote a heartbeat after <paramref name="after"/>.</summary>
    private static Task WaitHoldingAsync(DaemonTestBed bed, Process daemon, DateTime after, Stopwatch clock, TimeSpan bound) =>
        WaitFor.ConditionAsync(FaultBed.Tolerant(async () =>
        {
            await using var db = bed.Factory.Create();
            return await db.DaemonTools.AnyAsync(d => d.DaemonPid == daemon.Id && d.Heartbeat > after);
        }), bound, $"pid {daemon.Id} holding the lock ({clock.Elapsed.TotalSeconds:0.0} s)", poll: TimeSpan.FromMilliseconds(50), dump: bed.Factory);
}
