using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>Two installations (two databases, two configs, two daemons) share the machines and the OS users.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsBesideCollection.Name)]
public sealed class TwoInstallationsFaults(ITestOutputHelper output)
{
    private const int Targets = 4;

    /// <summary>
    /// Job ids start at 1 in every database, so the two installations' jobs 1–4 run at once on the same machines as the
    /// same users (ssh1 bash, ssh2 dash). Installation A's jobs time out after 10 s (kill_grace 2 s); B's run 35 s with no
    /// timeout. A must stop only its own jobs and let go of them without waiting for B's; B's jobs must run untouched to
    /// their end — all read from each installation's own ledger, not from either daemon's bookkeeping.
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task Two_installations_with_colliding_job_ids_never_adopt_kill_or_count_each_others_jobs()
    {
        var jobA = LedgerJob.Create(progress: true);
        var jobB = LedgerJob.Create(progress: true);
        try
        {
            await RunAsync(jobA, jobB);
        }
        finally
        {
            jobA.Cleanup();
            jobB.Cleanup();
        }
    }

    private async Task RunAsync(LedgerJob jobA, LedgerJob jobB)
    {
        await using var a = await FaultBed.CreateAsync(jobA, 40, more: c =>
        {
            c.Set("PARAMETERS", "kill_grace", "2s");
            c.Set("JOB:download", "timeout", "10s");
        }, cpus: 2);
        await using var b = await FaultBed.CreateAsync(jobB, 35, more: c => c.Set("PARAMETERS", "kill_grace", "2s"), cpus: 2);
        const string frame = "001A_TWOINSTALLS";
        var targets = await FaultBed.AddFrameAsync(a, frame, Targets);
        Assert.Equal(targets, await FaultBed.AddFrameAsync(b, frame, Targets));
        var watch = Stopwatch.StartNew();

        // B first, so that its jobs are running when A's daemon makes its first pass (reconcile, adoption) and launches.
        var daemonB = b.StartProcess();
        await WaitFor.ConditionAsync(() => jobB.Read().Runs.Count >= Targets, TimeSpan.FromMinutes(1), "installation B's jobs running", dump: b.Factory);
        var daemonA = a.StartProcess();
        // Job ids on both sides while both run: the same id on the same machine is a collision.
        var collisions = new HashSet<(long, string)>();
        long aEmptyNs = 0;
        await WaitFor.ConditionAsync(async () =>
        {
            List<RunningJob> ra, rb;
            await using (var db = a.Factory.Create()) ra = await db.RunningJobs.AsNoTracking().ToListAsync();
            await using (var db = b.Factory.Create()) rb = await db.RunningJobs.AsNoTracking().ToListAsync();
            foreach (var r in ra.Where(r => rb.Any(x => x.Id == r.Id && x.Machine == r.Machine))) collisions.Add((r.Id, r.Machine));
            if (aEmptyNs == 0 && ra.Count == 0 && await a.CountAsync<FailedJob>() >= Targets) aEmptyNs = Ledger.EpochNs();
            return aEmptyNs != 0 && rb.Count == 0 && await FaultBed.DownloadsSettledAsync(b);
        }, TimeSpan.FromMinutes(2), "A's jobs timed out and B's finished", poll: TimeSpan.FromMilliseconds(200), dump: b.Factory);
        await a.Controller.PowerDownAsync();
        await b.Controller.PowerDownAsync();
        daemonA.WaitForExit(TimeSpan.FromSeconds(30));
        daemonB.WaitForExit(TimeSpan.FromSeconds(30));

        var runsA = jobA.Read();
        var runsB = jobB.Read();
        var firstEndB = runsB.Runs.Where(r => r.EndNs is not null).Select(r => r.EndNs!.Value).DefaultIfEmpty(long.MaxValue).Min();
        var lastEndB = runsB.Runs.Where(r => r.EndNs is not null).Select(r => r.EndNs!.Value).DefaultIfEmpty(long.MaxValue).Max();
        var eventsA = await FaultBed.EventLedgerAsync(a);
        var eventsB = await FaultBed.EventLedgerAsync(b);
        List<FailedJob> failedA;
        await using (var db = a.Factory.Create()) failedA = await db.FailedJobs.AsNoTracking().ToListAsync();
        var failedB = await b.CountAsync<FailedJob>();
        var left = ProcessCensus.Take(jobA.Marker).Concat(ProcessCensus.Take(jobB.Marker)).ToList();
        FaultBed.Figures(output, "two installations",
            $"colliding job ids on one machine {collisions.Count} ({string.Join(", ", collisions.Order())}); "
            + $"A: timed out {failedA.Count(f => f.Error?.StartsWith("timeout", StringComparison.Ordinal) == true)}/{Targets}, rows gone at {(aEmptyNs == 0 ? "-" : LedgerRun.Clock(aEmptyNs))}, {runsA.Figures()}; "
            + $"B: failed {failedB}, first end {(firstEndB == long.MaxValue ? "-" : LedgerRun.Clock(firstEndB))}, {runsB.Figures()}; processes left {left.Count}; "
            + $"job_events (secondary) A: {eventsA}; B: {eventsB}; {watch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine("A:\n" + runsA + "B:\n" + runsB);

        Assert.NotEmpty(collisions); // the test did what it says: the same job id ran on the same machine in both
        // B untouched: every target ran once, to its end, never stopped by a signal.
        Assert.Empty(runsB.Problems(targets));
        Assert.Equal(0, failedB);
        Assert.Equal(0, eventsB.Adopted);
        // A stopped only its own, all as timeouts, and did not count B's same-numbered processes as its own jobs.
        // On a loaded machine a 10 s timeout may come before a command started, or SIGKILL before its TERM trap wrote
        // its line; what must hold is: never finished, never twice, never overlapping, and nothing left (census below).
        Assert.Empty(runsA.Problems(targets, stopsAllowed: true, finishes: 0, mayNotRun: true, killsAllowed: true));
        Assert.All(runsA.ByTarget, t => Assert.Single(t.Value)); // no retries configured: a second run would be a relaunch
        Assert.All(failedA, f => Assert.StartsWith("timeout", f.Error));
        Assert.Equal(Targets, failedA.Count);
        Assert.Equal(0, eventsA.Adopted);
        // Had A taken B's same-numbered processes for its own, it would have held its rows until B's last one ended.
        Assert.True(aEmptyNs != 0 && aEmptyNs < lastEndB, "A held its jobs until B's ended: it counted B's processes as its own");
        Assert.Empty(left);
    }
}
