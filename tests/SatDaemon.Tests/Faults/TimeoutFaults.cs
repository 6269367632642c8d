using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>A job runs past its timeout, and its command has forked grandchildren that ignore SIGTERM.</summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed class TimeoutFaults(ITestOutputHelper output)
{
    private const int Targets = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Four downloads (two on ssh1 as the bash user, two on ssh2 as the dash user) sleep 60 s and leave two
    /// grandchildren each with SIGTERM ignored (`trap '' TERM`); the job type's timeout is 10 s (job exec must have started the command by then, even on a loaded machine) and kill_grace 2 s. Within
    /// kill_grace + one poll pass (+ slack for a loaded machine) of the SIGTERM, no process of a job may be left
    /// (census by marker), and its running_jobs row — its budget — must be held as long as any of them lives
    /// (sampled every 100 ms). Each end is recorded as a timeout.
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task A_timed_out_job_is_stopped_whole_its_stubborn_grandchildren_killed_and_its_budget_held_until_they_are_gone()
    {
        var job = LedgerJob.Create(progress: true);
        try
        {
            await RunAsync(job);
        }
        finally
        {
            job.Cleanup();
        }
    }

    private sealed record Sample(long Ns, HashSet<string> Rows, Dictionary<string, int> Alive);

    private async Task RunAsync(LedgerJob job)
    {
        await using var bed = await FaultBed.CreateAsync(job, 60, "STUBBORN", c =>
        {
            c.Set("PARAMETERS", "kill_grace", "2s");
            c.Set("JOB:download", "timeout", "10s");
        }, cpus: 2);
        var frame = "001A_TIMEOUTGC";
        var targets = await FaultBed.AddFrameAsync(bed, frame, Targets);
        await using var budget = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        var watch = Stopwatch.StartNew();
        var samples = new List<Sample>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Rows first, then processes: a process seen after its row was read missing means the row went first.
                    List<long> rowIds;
                    await using (var db = bed.Factory.Create()) rowIds = await db.RunningJobs.Select(r => r.Id).ToListAsync();
                    var census = ProcessCensus.Take(job.Marker);
                    var runs = job.Read().Runs;
                    var rows = runs.Where(r => long.TryParse(r.JobId, out var id) && rowIds.Contains(id)).Select(r => r.Target).ToHashSet();
                    var alive = targets.ToDictionary(t => t, t => census.Count(p => p.Args.Contains(" " + t + " ", StringComparison.Ordinal) || p.Args.Contains("." + t + ".", StringComparison.Ordinal)));
                    lock (samples) samples.Add(new Sample(Ledger.EpochNs(), rows, alive));
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or IOException) { }
                await Task.Delay(100);
            }
        });

        await using (var daemon = bed.StartInProcess())
        {
            await WaitFor.ConditionAsync(async () => await bed.CountAsync<FailedJob>() >= Targets && await bed.CountAsync<RunningJob>() == 0,
                TimeSpan.FromMinutes(2), $"{Targets} timeouts recorded and every budget given back", poll: TimeSpan.FromMilliseconds(500), dump: bed.Factory);
            // Whatever is left now is left for good (the daemon has let go of every job): one more pass, then count.
            await Task.Delay(KillGrace + Poll);
        }
        await stop.CancelAsync();
        await sampler;

        var runs = job.Read();
        var left = ProcessCensus.Take(job.Marker);
        List<FailedJob> failed;
        await using (var db = bed.Factory.Create()) failed = await db.FailedJobs.AsNoTracking().ToListAsync();
        // Per target: SIGTERM (the run's stop line) → last sample with a live process; budget freed while a process lived?
        var lines = new List<string>();
        var tooSlow = new List<string>();
        var freedEarly = new List<string>();
        var limit = KillGrace + Poll + TimeSpan.FromSeconds(5); // + slack: ssh round trips and job exec start-up on 2 shared cores
        foreach (var t in targets)
        {
            var run = runs.ByTarget.GetValueOrDefault(t)?.FirstOrDefault();
            var lastAlive = samples.Where(s => s.Alive[t] > 0).Select(s => s.Ns).DefaultIfEmpty(0).Max();
            var early = samples.FirstOrDefault(s => s.Alive[t] > 0 && !s.Rows.Contains(t) && s.Ns > (run?.StartNs ?? 0) && samples.Any(x => x.Ns < s.Ns && x.Rows.Contains(t)));
            var stopToGone = run?.EndNs is { } term && lastAlive > 0 ? TimeSpan.FromTicks((lastAlive - term) / 100) : (TimeSpan?)null;
            lines.Add($"{t}: {run}; last process seen {(lastAlive > 0 ? LedgerRun.Clock(lastAlive) : "-")}, stop→gone {stopToGone?.TotalSeconds:0.0} s");
            if (stopToGone is null || stopToGone > limit) tooSlow.Add(t);
            if (early is not null) freedEarly.Add($"{t}: row gone at {LedgerRun.Clock(early.Ns)} with {early.Alive[t]} processes alive");
        }
        FaultBed.Figures(output, "timeout with stubborn grandchildren",
            $"jobs timed out {failed.Count(f => f.Error?.StartsWith("timeout", StringComparison.Ordinal) == true)}/{Targets}; processes left {left.Count}; "
            + $"stopped later than kill_grace + pass + 5 s: {tooSlow.Count}; budget given back while processes lived: {freedEarly.Count}; samples {samples.Count}; "
            + $"{runs.Figures()}; job_events (secondary): {await FaultBed.EventLedgerAsync(bed)}; {watch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(string.Join('\n', lines.Concat(freedEarly).Concat(left.Select(p => "left: " + p))));
        output.WriteLine(string.Join('\n', failed.Select(f => $"failed job {f.JobId}: {f.Error}")));

        Assert.Empty(left);
        Assert.Empty(freedEarly);
        Assert.Empty(tooSlow);
        Assert.Equal(Targets, failed.Count);
        Assert.All(failed, f => Assert.StartsWith("timeout", f.Error));
        // Every run was stopped (SIGTERM reached the command), none finished, none ran twice.
        Assert.Empty(runs.Problems(targets, stopsAllowed: true, finishes: 0));
        Assert.All(runs.Runs, r => Assert.True(r.Stopped, r.ToString()));
        Assert.Empty(budget.Violations);
    }
}
