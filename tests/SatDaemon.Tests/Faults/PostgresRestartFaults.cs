using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;

namespace SatDaemon.Tests.Faults;

/// <summary>PostgreSQL stops for a while and starts again while jobs run and report.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed class PostgresRestartFaults(Xunit.Abstractions.ITestOutputHelper output)
{
    [ServiceFact(Needs.Ssh)]
    public async Task A_postgresql_restart_fails_passes_but_the_daemon_goes_on_and_every_outcome_is_recorded_once()
    {
        var cluster = PostgresCluster.FromEnvironment() ?? throw new InvalidOperationException("SATDAEMON_TEST_PG_DATA/BIN not set");
        var job = LedgerJob.Create(progress: false);
        try
        {
            await RestartAsync(cluster, job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task RestartAsync(PostgresCluster cluster, LedgerJob job)
    {
        await using var bed = await FaultBed.CreateAsync(job, 2);
        var targets = (await FaultBed.AddFrameAsync(bed, "001A_PGRESTART_ONE", 8))
            .Concat(await FaultBed.AddFrameAsync(bed, "002A_PGRESTART_TWO", 8)).ToList();
        var logs = new CapturingLoggerProvider();
        await using var daemon = bed.StartInProcess(logs);
        await WaitFor.ConditionAsync(async () => await bed.CountAsync<RunningJob>(q => q.Where(r => r.Pid != null)) >= 4,
            TimeSpan.FromMinutes(2), "jobs running", dump: bed.Factory);

        await cluster.StopAsync();
        try
        {
            // Jobs end while the database is away: their job exec spools and retries; the daemon's passes fail.
            await Task.Delay(TimeSpan.FromSeconds(7));
        }
        finally
        {
            await cluster.StartAsync();
        }

        await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(3), "every download ended", dump: bed.Factory);
        var runs = job.Read();
        FaultBed.Figures(output, "postgresql restart", $"{runs.Figures()}; job_events (secondary): {await FaultBed.EventLedgerAsync(bed)}");
        Assert.Empty(runs.Problems(targets));
        Assert.False(daemon.Run.IsCompleted, "the daemon stopped\n" + logs.AllText);
        // Passes failed during the outage, said as one line naming the database (1008) …
        Assert.Contains(logs.Lines, l => l.EventId == 1008);
        Assert.DoesNotContain(logs.Lines, l => l.EventId == 1006); // … but nothing crashed
        var ledger = await FaultBed.EventLedgerAsync(bed);
        Assert.True(ledger.Balanced && ledger.Duplicates.Count == 0, ledger + "\n" + await bed.DumpAsync());
        Assert.Equal(16, ledger.Finished);
        Assert.Equal(0, ledger.Failed);
        Assert.Empty(await FaultBed.InconsistenciesAsync(bed));
        Assert.Equal(16, await bed.CountAsync<IfgRow>(q => q.Where(r => r.ProcStage > 1)) + await bed.CountAsync<MasterRow>(q => q.Where(r => r.ProcStage > 1)));
        FaultFigures.Record("postgresql restart", ledger, faults: 1);
    }
}
