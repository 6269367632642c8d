using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Faults;

/// <summary>One machine's sshd goes away mid-run and comes back.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed class SshdOutageFaults(Xunit.Abstractions.ITestOutputHelper output)
{
    private static Task<int> WorkOnSsh1Async(DaemonTestBed bed) =>
        bed.CountAsync<JobEvent>(q => q.Where(e => (e.Kind == JobEventKinds.Launched || e.Kind == JobEventKinds.Finished) && e.Machine == "ssh1"));

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [ServiceFact(Needs.Ssh)]
    public async Task A_machine_whose_sshd_stops_is_left_alone_the_other_works_and_its_jobs_are_reconciled_when_it_returns()
    {
        var job = LedgerJob.Create(progress: false);
        try
        {
            await OutageAsync(job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task OutageAsync(LedgerJob job)
    {
        await using var bed = await FaultBed.CreateAsync(job, 3);
        var targets = (await FaultBed.AddFrameAsync(bed, "001A_SSHDOWN_ONE", 12))
            .Concat(await FaultBed.AddFrameAsync(bed, "002A_SSHDOWN_TWO", 12)).ToList();
        var logs = new CapturingLoggerProvider();
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        await using var daemon = bed.StartInProcess(logs);
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>(q => q.Where(r => r.Machine == "ssh2" && r.Pid != null)) >= 2,
            TimeSpan.FromMinutes(2), "jobs running on ssh2", dump: bed.Factory);

        var stoppedAt = DateTime.UtcNow;
        try
        {
            await FaultBed.StopSshdAsync(1, Environment.ProcessId);
            await WaitFor.ConditionAsync(() => logs.Lines.Any(l => l.EventId == 1060 && l.Text.Contains("ssh2")), TimeSpan.FromSeconds(30), "ssh2 marked unavailable");
            var workOnSsh1 = await WorkOnSsh1Async(bed);
            await Task.Delay(Outage);
            // The other machine kept working meanwhile: its jobs ended and new ones were launched on it.
            Assert.True(await WorkOnSsh1Async(bed) > workOnSsh1, "ssh1 did nothing during the outage\n" + logs.AllText);
        }
        finally
        {
            await FaultBed.RestartSshdAsync(1);
        }
        var outageLines = logs.Lines.Count(l => l.EventId is 1060 or 1062 && l.Text.Contains("ssh2"));
        var passes = logs.Lines.Count(l => l.EventId == 1001);

        await WaitFor.ConditionAsync(() => logs.Lines.Any(l => l.EventId == 1061 && l.Text.Contains("ssh2")), TimeSpan.FromMinutes(2), "ssh2 answers again");
        await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(3), "every download ended", dump: bed.Factory);

        var runs = job.Read();
        FaultBed.Figures(output, "sshd stopped", $"{runs.Figures()}; job_events (secondary): {await FaultBed.EventLedgerAsync(bed)}; outage rounds {outageLines}, passes {passes}");
        Assert.Empty(runs.Problems(targets));
        // Circuit breaker, not a tight loop: one failure takes it out, the next try waits 30 s, while passes run every second.
        Assert.True(outageLines <= 2, $"{outageLines} failed connection rounds to ssh2 in {(DateTime.UtcNow - stoppedAt).TotalSeconds:0} s ({passes} passes)\n" + logs.AllText);
        Assert.True(passes > 5 * outageLines, $"{passes} passes, {outageLines} rounds");
        var ledger = await FaultBed.EventLedgerAsync(bed);
        Assert.True(ledger.Balanced && ledger.Duplicates.Count == 0, ledger + "\n" + await bed.DumpAsync());
        Assert.Equal(24, ledger.Finished);
        Assert.Empty(await FaultBed.InconsistenciesAsync(bed));
        Assert.Empty(sampler.Violations);
        FaultFigures.Record("sshd stopped", ledger, faults: 1);
    }
}
