using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>An end the daemon settles from job exec's spool file keeps the run's measured use, as job exec would have recorded it.</summary>
public sealed class SpooledUsageFacts
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task The_daemon_records_the_spooled_usage_and_its_over_budget_check(TestProvider provider)
    {
        await using var db = TestDatabases.Reserve(provider); // JobTestBed copies the template into it
        using var bed = await JobTestBed.CreateAsync(db.Url);
        var job = await bed.ClaimAsync(cpus: 1, memory: 1);
        // As the daemon reads it: a failure with usage; 2 cores used on a 1-core budget (> 1 × 1.10 with margin 10).
        var spool = JobOutcomeFile.Parse(new JobOutcomeFile(job.Id, false, 1, null, "exit code 1", "tail", new JobUsage(10, 20, 300, 1, 2)).ToJson());

        var end = await new DaemonStore(bed.Factory, TimeProvider.System).RecordSpooledEndAsync(job.Id, spool, retriesAllowed: 0, overBudgetMargin: 10, CancellationToken.None);

        Assert.True(end.Recorded);
        var usage = Assert.Single(await bed.QueryAsync(d => d.JobUsage.ToListAsync()));
        Assert.Equal((false, 10.0, 20.0, 2.0, 300.0), (usage.Success, usage.WallS, usage.CpuS, usage.MeanCores, usage.PeakRssMb));
        Assert.Equal(300, Assert.Single(await bed.QueryAsync(d => d.FailedJobs.ToListAsync())).PeakRssMb);
        var e = Assert.Single(await bed.QueryAsync(d => d.JobEvents.Where(x => x.Kind == JobEventKinds.OverBudget).ToListAsync()));
        Assert.Contains("cores 2 > 1 + 10 %", e.Message);
    }

    [Fact]
    public async Task An_old_spool_file_without_usage_is_settled_without_figures()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var old = JobOutcomeFile.Parse($$"""{"jobId":{{job.Id}},"success":true,"exitCode":0,"signal":null,"error":null,"logTail":"ok"}""");

        var end = await new DaemonStore(bed.Factory, TimeProvider.System).RecordSpooledEndAsync(job.Id, old, 0, 25, CancellationToken.None);

        Assert.True(end.Recorded);
        Assert.Equal(2, (await bed.IfgAsync()).ProcStage); // the success advanced the row
        Assert.Empty(await bed.QueryAsync(d => d.JobUsage.ToListAsync()));
    }
}
