using System.Globalization;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// The budget of a Slurm machine held until Slurm lets go of a job (#29): job exec records a job's end from inside the
/// Slurm job, and Slurm keeps the allocation while its Epilog runs (COMPLETING). The test cluster's Epilog sleeps for
/// this test's jobs only (a marker named after their job-name prefix, tests/services/start.sh), so each job stays
/// COMPLETING for seconds after its end is recorded. What Slurm held is counted from Slurm alone: squeue sampled every
/// half second (cpus of this installation's jobs RUNNING or COMPLETING, and with PENDING ones: what the daemon has put
/// into Slurm's queue) and slurmctld's log (each job from its allocation to its end, overlapped).
/// </summary>
[Trait("Category", "Slurm")]
public sealed class DaemonSlurmEpilogFacts(ITestOutputHelper output)
{
    private const int BudgetCpus = 2;
    private const int EpilogSeconds = 3;

    [ServiceFact(Needs.Slurm | Needs.Ssh)]
    public async Task Slurm_never_holds_more_cpus_than_the_budget_while_the_epilog_keeps_ended_jobs_completing()
    {
        var epilogMarkers = SlurmCluster.EpilogSleepDir;
        Assert.True(Directory.Exists(epilogMarkers),
            $"{epilogMarkers} is missing: the running Slurm cluster predates its Epilog; run tests/services/start.sh again");
        // 6 downloads of 1 cpu, 2 s each, against a budget of 2 cpus: more jobs than fit at once.
        await using var bed = await DaemonSlurmFacts.SlurmBedAsync(seconds: 2, cpus: BudgetCpus, memory: 8, withSsh: false, c =>
        {
            c.Set("JOB:download", "cpus", "1");
            c.Set("JOB:download", "memory", "1");
            DaemonSlurmFacts.LedgerDownloads(c, 2);
        }, simulate: false);
        const string frame = "076D_SLURM_EPILOG";
        var dates = await bed.AddFrameAsync(frame, 6, ProcLevel.Download);
        var instance = await InstanceIdentityStore.GetOrCreateAsync(bed.Factory, CancellationToken.None);
        var marker = Path.Combine(epilogMarkers, $"sd_{instance}_");
        await File.WriteAllTextAsync(marker, EpilogSeconds.ToString(CultureInfo.InvariantCulture));

        var samples = new List<(int Pending, int Running, int Completing)>();
        var logs = new CapturingLoggerProvider();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var ours = SlurmCluster.OfInstance(instance).SelectMany(g => g).ToList();
                int Cpus(string state) => ours.Where(j => j.State == state).Sum(j => j.Cpus);
                lock (samples) samples.Add((Cpus("PENDING"), Cpus("RUNNING"), Cpus("COMPLETING")));
                await Task.Delay(500);
            }
        });
        try
        {
            await using var daemon = bed.StartInProcess(logs);
            await WaitFor.ConditionAsync(() => FaultsFree.DownloadsDoneAsync(bed, frame), TimeSpan.FromMinutes(4), "every download complete", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), "daemon did not exit after power-down");
        }
        catch
        {
            output.WriteLine(logs.AllText);
            throw;
        }
        finally
        {
            // The last job's Epilog still sleeps; the sampler sees it out.
            await SlurmCluster.SettledJobsAsync(instance);
            File.Delete(marker);
            await stop.CancelAsync();
            await sampler;
        }

        var jobs = SlurmCluster.OfInstance(instance).SelectMany(g => g).ToList();
        var cpusOf = jobs.ToDictionary(j => j.Id, j => j.Cpus);
        var allocated = SlurmCluster.ControllerLog.Allocations(cpusOf.Keys.ToHashSet());
        var logPeak = SlurmCluster.ControllerLog.PeakCpus(allocated, cpusOf);
        var peak = samples.Max(s => s.Running + s.Completing);
        var queuedPeak = samples.Max(s => s.Pending + s.Running + s.Completing);
        var withCompleting = samples.Count(s => s.Completing > 0);
        var overlapping = samples.Count(s => s.Completing > 0 && s.Running > 0);
        var ledger = DaemonSlurmFacts.LedgerLines(bed, frame);
        output.WriteLine($"budget {BudgetCpus} cpus, Epilog {EpilogSeconds} s; squeue samples {samples.Count}: peak RUNNING+COMPLETING {peak} cpus, "
            + $"peak RUNNING {samples.Max(s => s.Running)}, peak PENDING+RUNNING+COMPLETING {queuedPeak}, samples with a job COMPLETING {withCompleting} (beside one RUNNING {overlapping}); "
            + $"slurmctld log: {allocated.Count} jobs allocated and ended, peak {logPeak} cpus at once; "
            + $"Slurm jobs {jobs.Count} ({string.Join(", ", jobs.GroupBy(j => j.State).Select(g => $"{g.Key} {g.Count()}"))}); "
            + $"ledger {string.Join(", ", ledger.Select(l => $"{l.Key} {l.Value}"))}");

        Assert.Equal(dates.Count, jobs.Count);                     // one Slurm job per download, none submitted twice
        Assert.All(ledger, l => Assert.Equal(1, l.Value));
        Assert.True(withCompleting >= 2, "the Epilog never held a job COMPLETING where squeue could see it");
        Assert.Equal(jobs.Count, allocated.Count);                // every job's allocation and end are in the log
        Assert.InRange(peak, 1, BudgetCpus);
        Assert.InRange(logPeak, 1, BudgetCpus);
        // docs/slurm.md: a job counts from its submission (pending in Slurm too) until Slurm lets go of it, so the daemon
        // never has more in Slurm's queue than its budget.
        Assert.InRange(queuedPeak, 1, BudgetCpus);
    }
}
