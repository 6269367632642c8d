using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Faults;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// Routing by machine features on the two real sshd (docs/design.md §14): ssh1 offers `internet`, ssh2 nothing, and
/// [JOB:download] requires internet. A whole frame runs; which sshd ran each command is read from the command's own
/// ledger ($SSH_CONNECTION's server port), never from the daemon's rows.
/// </summary>
[Trait("Category", "Ssh")]
[Collection(FaultsBesideCollection.Name)]
public sealed class RoutingFacts(ITestOutputHelper output)
{
    private const string Frame = "072A_ROUTING";

    [ServiceFact(Needs.Ssh)]
    public async Task Every_download_runs_on_the_machine_with_internet_the_rest_spread_over_both_and_a_busy_feature_waits_with_its_reason()
    {
        var job = LedgerJob.Create(progress: false);
        try
        {
            await RunAsync(job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private async Task RunAsync(LedgerJob job)
    {
        // One cpu each: ssh1 holds one download at a time, so the others must wait for it, and two ifg jobs that are
        // runnable together cannot both go to one machine.
        await using var bed = await FaultBed.CreateAsync(job, 0.3, cpus: 1, more: c =>
        {
            c.Set("PROC_MACHINES:ssh1", "features", "internet");
            c.Set("JOB:download", "requires", "internet");
        });
        var dates = await FaultBed.AddFrameAsync(bed, Frame, 3, ProcLevel.Full);

        // What the daemon told about waiting downloads, read while it runs (the per-job reason of the console and explain).
        var downloadWaits = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await using var db = bed.Factory.Create();
                    foreach (var w in await db.PendingJobs.AsNoTracking().Where(p => p.JobType == "download" && p.WaitDetail != null).Select(p => p.WaitDetail!).ToListAsync())
                        downloadWaits.Add(w);
                    await Task.Delay(150, stop.Token);
                }
                catch (OperationCanceledException) { }
            }
        });

        var logs = new CapturingLoggerProvider();
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() => bed.AllCompleteAsync(Frame), TimeSpan.FromMinutes(10), $"every row of {Frame} complete", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromMinutes(1)), logs.AllText);
        }
        await stop.CancelAsync();
        await watcher;

        var runs = job.Read();
        var connections = job.Connections();
        var internetPort = SshMachines.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byType = runs.Runs
            .GroupBy(r => TypeOf(r.Target))
            .ToDictionary(g => g.Key, g => g.Select(r => connections.TryGetValue((r.JobId, r.Pid), out var c) ? ServerPort(c) : "unknown").ToList());
        var waitSample = downloadWaits.FirstOrDefault(w => w.Contains("lacks internet", StringComparison.Ordinal));
        FaultBed.Figures(output, "routing",
            $"{runs.Figures()}; dates {dates.Count}; runs by type and sshd port: "
            + string.Join("; ", byType.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {string.Join(",", t.Value.GroupBy(p => p).Select(g => $"{g.Key}×{g.Count()}"))}"))
            + $"; download wait reasons seen {downloadWaits.Count}, e.g. \"{waitSample}\"");

        // The whole chain of 3 dates ran, each job once: master 3 stages + 2 ifg × 4 + 3 rsar pairs × 2 + 2 frame stages.
        var targets = runs.Runs.Select(r => r.Target).Distinct().ToList();
        Assert.Equal(3 + 2 * 4 + 3 * 2 + 2, targets.Count);
        Assert.Empty(runs.Problems(targets));
        Assert.Equal(0, await bed.CountAsync<FailedJob>());
        // Every download ran over ssh1's connection, the one with internet.
        Assert.Equal(dates.Count, byType["download"].Count);
        Assert.All(byType["download"], port => Assert.Equal(internetPort, port));
        // The other types are not bound: between them they ran on both sshd.
        var others = byType.Where(t => t.Key != "download").SelectMany(t => t.Value).Distinct().ToList();
        Assert.DoesNotContain("unknown", others);
        Assert.Equal(2, others.Count);
        // While ssh1 was busy, a waiting download said why: ssh2 lacks the feature (and ssh1 had no cpu free); it still ran.
        Assert.NotNull(waitSample);
        Assert.Contains("ssh1", waitSample);
    }

    /// <summary>The job type of a ledger target ("master_slc_072A_ROUTING_2020-01-01" → "master_slc").</summary>
    private static string TypeOf(string target) =>
        ConfigText.DefaultJobTypes.Where(t => target.StartsWith(t + "_", StringComparison.Ordinal)).MaxBy(t => t.Length) ?? target;

    // "client-address client-port server-address server-port": the server port tells the two sshd apart.
    private static string ServerPort(string sshConnection)
    {
        var w = sshConnection.Split(' ');
        return w.Length >= 4 ? w[3] : "local";
    }
}
