using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>The daemon process is SIGKILLed at random points of its passes, again and again.</summary>
[Trait("Category", "Faults")]
[Trait("Length", "Long")] // a soak / fault loop: CI runs it (test.sh, SATDAEMON_TEST_LONG=1)
[Collection(FaultsCollection.Name)]
public sealed class DaemonKillFaults(ITestOutputHelper output)
{
    private const int Kills = 8;
    private const int Seed = 20261125; // fixed, so a failing run can be replayed kill for kill

    [ServiceFact(Needs.Ssh)]
    public async Task A_daemon_killed_again_and_again_leaves_a_consistent_database_and_every_job_ends_exactly_once()
    {
        var job = LedgerJob.Create(progress: false);
        try
        {
            await KilledAgainAndAgainAsync(job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task KilledAgainAndAgainAsync(LedgerJob job)
    {
        await using var bed = await FaultBed.CreateAsync(job, 1);
        var targets = (await FaultBed.AddFrameAsync(bed, "001A_SIGKILL_ONE", 10))
            .Concat(await FaultBed.AddFrameAsync(bed, "002A_SIGKILL_TWO", 10)).ToList();
        var random = new Random(Seed);
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        var watch = Stopwatch.StartNew();

        for (var kill = 1; kill <= Kills; kill++)
        {
            var startedAt = DateTime.UtcNow;
            var daemon = await StartAsync(bed);
            if (kill > 1)
            {
                // After the restart's first pass (reconcile included), every job the database holds is really running,
                // but for claims job exec has not reported on yet that are younger than the launch grace (in doubt).
                await WaitFor.ConditionAsync(FaultBed.Tolerant(async () =>
                {
                    await using var db = bed.Factory.Create();
                    return await db.DaemonTools.AnyAsync(d => d.Heartbeat > startedAt);
                }), TimeSpan.FromMinutes(1), $"a pass after restart {kill}", dump: bed.Factory);
                Assert.Empty(await RowsWithoutLiveJobAsync(bed, startedAt));
            }
            var delay = TimeSpan.FromMilliseconds(random.Next(200, 4000));
            await Task.Delay(delay);
            daemon.Kill(); // SIGKILL, wherever the pass is
            await daemon.WaitForExitAsync();
            output.WriteLine($"kill {kill} after {delay.TotalMilliseconds} ms");
            var problems = await FaultBed.InconsistenciesAsync(bed);
            Assert.True(problems.Count == 0, $"after kill {kill}: {string.Join("; ", problems)}\n{await bed.DumpAsync()}");
        }

        var last = await StartAsync(bed);
        await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(3), "every download ended", dump: bed.Factory);
        await bed.Controller.PowerDownAsync();
        Assert.True(last.WaitForExit(TimeSpan.FromMinutes(1)), string.Join('\n', bed.Output));

        var ledger = await FaultBed.EventLedgerAsync(bed);
        var runs = job.Read();
        var census = ProcessCensus.Take(job.Marker);
        FaultBed.Figures(output, "daemon SIGKILL x" + Kills, $"{runs.Figures()}; processes left {census.Count}; job_events (secondary): {ledger}");
        output.WriteLine(runs.ToString());
        // The job commands' own ledger: every target ran exactly once, finished, and never beside another run of itself.
        Assert.Empty(runs.Problems(targets));
        Assert.Empty(census);
        Assert.True(ledger.Balanced && ledger.Duplicates.Count == 0, ledger + "\n" + await bed.DumpAsync());
        Assert.Equal(0, ledger.Failed);
        Assert.Equal(20, ledger.Finished); // launched (less claims that provably never started) = finished, exactly
        Assert.Empty(await FaultBed.InconsistenciesAsync(bed));
        Assert.Equal(20, await bed.CountAsync<IfgRow>(q => q.Where(r => r.ProcStage == 2)) + await bed.CountAsync<MasterRow>(q => q.Where(r => r.ProcStage == 2)));
        Assert.Empty(sampler.Violations);
        FaultFigures.Record("daemon SIGKILL x" + Kills, ledger, faults: Kills, watch.Elapsed);
    }

    /// <summary>Starts the daemon process; a start refused because the killed one's lock was not yet released is retried.</summary>
    private static async Task<Process> StartAsync(DaemonTestBed bed)
    {
        for (var attempt = 0; ; attempt++)
        {
            var p = bed.StartProcess();
            await Task.Delay(1500);
            if (!p.HasExited || attempt == 5) return p;
            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// running_jobs rows whose job exec process is gone (rows read twice around ps): every row job exec reported on,
    /// and every unreported claim from before <paramref name="since"/> that is older than the launch grace.
    /// </summary>
    private static async Task<List<string>> RowsWithoutLiveJobAsync(DaemonTestBed bed, DateTime since)
    {
        var inDoubtAfter = DateTime.UtcNow - new SatDaemon.Hosting.DaemonOptions().LaunchGrace;
        List<RunningJob> before, after;
        await using (var db = bed.Factory.Create()) before = await db.RunningJobs.AsNoTracking().ToListAsync();
        var live = FaultBed.LiveJobExecIds(bed);
        await using (var db = bed.Factory.Create()) after = await db.RunningJobs.AsNoTracking().ToListAsync();
        var stillThere = after.Select(r => r.Id).ToHashSet();
        return before.Where(r => stillThere.Contains(r.Id) && !live.Contains(r.Id)
                                 && (r.LastReportAt is not null || (r.StartedAt < since && r.StartedAt < inDoubtAfter)))
            .Select(r => $"job {r.Id} on {r.Machine} (pid {r.Pid}, reported {r.LastReportAt:HH:mm:ss}) has no job exec process").ToList();
    }
}
