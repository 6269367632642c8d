using System.Diagnostics;
using System.Globalization;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>Hundreds of short jobs on two ssh machines, some failing, some killed by a signal.</summary>
[Trait("Category", "Faults")]
[Trait("Length", "Long")] // a soak / fault loop: CI runs it (test.sh, SATDAEMON_TEST_LONG=1)
[Collection(FaultsBesideCollection.Name)]
public sealed class SoakFaults(ITestOutputHelper output)
{
    /// <summary>
    /// How many jobs the soak runs: default 100, so the whole suite stays near 15 minutes on 2 cores; the 500-job soak
    /// of the issue runs with SATDAEMON_SOAK_JOBS=500 (measured on a quiet 2-core machine: ~27 jobs/min over ssh,
    /// ~19 min; figures in docs/reliability.md).
    /// </summary>
    public const string EnvJobs = "SATDAEMON_SOAK_JOBS";
    private const int DatesPerFrame = 20;

    // The ledger job, its mode = the frame id: frames named *FAIL* exit 3, frames named *DIE* are killed by SIGKILL
    // (each after writing its end line); the rest sleep 50 ms.

    [ServiceFact(Needs.Ssh)]
    public async Task Hundreds_of_short_jobs_end_exactly_once_within_budget_with_failures_and_deaths()
    {
        var jobs = int.TryParse(Environment.GetEnvironmentVariable(EnvJobs), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : 100;
        var job = LedgerJob.Create(progress: false);
        try
        {
            await SoakAsync(job, jobs);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task SoakAsync(LedgerJob job, int jobs)
    {
        var frames = Math.Max(5, (jobs + DatesPerFrame - 1) / DatesPerFrame);
        await using var bed = await FaultBed.CreateAsync(job, 0.05, "{frame}");
        var expectedFailed = 0;
        var targets = new List<string>();
        for (var f = 0; f < frames; f++)
        {
            var kind = f == 1 ? "FAIL" : f == 3 ? "DIE" : "OK";
            if (kind != "OK") expectedFailed += DatesPerFrame;
            var frame = $"{f + 1:000}A_SOAK{kind}_F{f:00}";
            targets.AddRange(await FaultBed.AddFrameAsync(bed, frame, DatesPerFrame));
        }
        var total = frames * DatesPerFrame;
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        var watch = Stopwatch.StartNew();
        await using (var daemon = bed.StartInProcess())
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(2.5 * total), $"{total} jobs ended",
                poll: TimeSpan.FromSeconds(1), dump: bed.Factory);
        watch.Stop();

        var ledger = await FaultBed.EventLedgerAsync(bed);
        var runs = job.Read();
        FaultBed.Figures(output, "soak", $"{total} jobs in {watch.Elapsed.TotalSeconds:0.0} s; {runs.Figures()}; job_events (secondary): {ledger}; budget samples {sampler.Samples}, max concurrent per machine {sampler.MaxConcurrent}");
        Assert.Empty(runs.Problems(targets));
        Assert.True(ledger.Balanced, ledger.ToString());
        Assert.Empty(ledger.Duplicates);
        Assert.Equal(total, ledger.Launched - ledger.Cancelled);
        Assert.Equal(expectedFailed, ledger.Failed);
        Assert.Equal(total - expectedFailed, ledger.Finished);
        Assert.Equal(expectedFailed, await bed.CountAsync<FailedJob>());
        Assert.Equal(total, await bed.CountAsync<IfgRow>(q => q.Where(r => r.ProcStage == 2 || r.ProcStatus == ProcStatus.Failed))
                            + await bed.CountAsync<MasterRow>(q => q.Where(r => r.ProcStage == 2 || r.ProcStatus == ProcStatus.Failed)));
        Assert.Empty(await FaultBed.InconsistenciesAsync(bed));
        Assert.Empty(sampler.Violations);
        Assert.True(sampler.MaxConcurrent > 1);
        FaultFigures.Record("soak", ledger, faults: expectedFailed, watch.Elapsed);
    }
}
