using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>JobStore keeps a run's measured use with its end, and counts a run over its budget, on both providers.</summary>
public sealed class JobStoreUsageFacts
{
    [Theory, InlineData(TestProvider.Sqlite), PostgresData]
    public async Task A_run_over_its_budget_by_more_than_the_margin_gets_one_over_budget_event(TestProvider provider)
    {
        await using var db = TestDatabases.Reserve(provider); // JobTestBed copies the template into it
        using var bed = await JobTestBed.CreateAsync(db.Url);
        var store = bed.Store; // over_budget_margin 25 %, the default; ClaimAsync gives 1 cpu and 1 GB

        // Over: peak 1300 MB = 1.27 GB > 1 GB × 1.25; cores 12 / 10 = 1.2 <= 1 × 1.25 (memory only).
        var over = await bed.ClaimAsync();
        await store.RecordSuccessAsync(over.Id, new JobUsage(10, 12, 1300, 0, 5), CancellationToken.None);
        // Within: peak 1270 MB = 1.24 GB <= 1.25 GB; cores 12.4 / 10 = 1.24 <= 1.25. A failure, so failed_jobs holds it too.
        var within = await bed.ClaimAsync();
        await store.RecordFailureAsync(within.Id, 1, "exit code 1", null, 0, new JobUsage(10, 12.4, 1270, 2, 3), CancellationToken.None);

        var events = await bed.QueryAsync(d => d.JobEvents.Where(e => e.Kind == JobEventKinds.OverBudget).ToListAsync());
        var rows = await bed.QueryAsync(d => d.JobUsage.OrderBy(u => u.JobId).ToListAsync());
        var failed = Assert.Single(await bed.QueryAsync(d => d.FailedJobs.ToListAsync()));
        var e = Assert.Single(events);
        Assert.Equal(over.Id, e.JobId);
        Assert.Contains("memory 1.27 GB > 1 GB + 25 %", e.Message);
        Assert.DoesNotContain("cores", e.Message);
        Assert.Equal([(over.Id, true), (within.Id, false)], rows.Select(r => (r.JobId, r.Success)));
        Assert.Equal(1.2, rows[0].MeanCores, 9);
        Assert.Equal((1, 1.0, 1), (rows[0].BudgetCpus, rows[0].BudgetMemory, rows[0].BudgetDisk));
        Assert.Equal((10.0, 12.4, 1270.0, 2.0, 3.0), (failed.WallS, failed.CpuS, failed.PeakRssMb, failed.ReadMb, failed.WriteMb));

        // The console's overview counts it under the job's type, and only within its window.
        var queries = new SatDaemon.Web.Data.JobQueries(bed.Factory);
        Assert.Equal([(over.JobType, 1)], await queries.OverBudgetByTypeAsync(DateTime.UtcNow.AddHours(-24), CancellationToken.None));
        Assert.Empty(await queries.OverBudgetByTypeAsync(DateTime.UtcNow.AddMinutes(5), CancellationToken.None));
        var page = SatDaemon.Web.Pages.OverviewPage.Render(EmptyStatus(), null, [], null, [(over.JobType, 1)]).ToString();
        Assert.Contains($"<tr><td>{over.JobType}</td><td>1</td></tr>", page);
    }

    [Fact]
    public async Task An_end_without_figures_writes_no_usage_row()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();

        await bed.Store.RecordFailureAsync(job.Id, null, "lost", null, 0, CancellationToken.None);

        Assert.Empty(await bed.QueryAsync(d => d.JobUsage.ToListAsync()));
        Assert.Null(Assert.Single(await bed.QueryAsync(d => d.FailedJobs.ToListAsync())).PeakRssMb);
    }

    [Theory]
    // memory 1 GB, margin 25 %: the line is 1.25 GB = 1280 MB; cpus 2: the line is 2.5 cores.
    [InlineData(1280, 25, 10, null)]                                // exactly on the line: within
    [InlineData(1281, 25, 10, "memory 1.25 GB > 1 GB + 25 %")]      // 1281 / 1024 = 1.251 GB
    [InlineData(100, 26, 10, "cores 2.6 > 2 + 25 %")]               // 26 / 10 = 2.6 cores
    [InlineData(2048, 30, 10, "memory 2 GB > 1 GB + 25 %; cores 3 > 2 + 25 %")]
    public void Budget_overrun_names_what_went_over(double peakMb, double cpuSeconds, double wallSeconds, string? expected) =>
        Assert.Equal(expected, BudgetOverrun.Check(new JobUsage(wallSeconds, cpuSeconds, peakMb, 0, 0), cpus: 2, memoryGb: 1, marginPercent: 25));

    private static SatDaemon.Control.DaemonStatus EmptyStatus() =>
        new(DateTime.UtcNow, null, null, null, false, false, false, false, [], [], [], []);
}
