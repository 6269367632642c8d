using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.Tests.Jobs;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>`job exec` itself is SIGKILLed while its command runs (OOM killer, an operator's kill -9).</summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed partial class JobExecKillFaults(ITestOutputHelper output)
{
    private const int Targets = 10;
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Ten downloads on ssh1 (bash) and ssh2 (dash), each command forking a grandchild `sleep 600`; the first run of every
    /// target loses its job exec to SIGKILL half-way. The daemon must stop what is left of that run's session before it
    /// records the job as lost, and the automatic retry (retries = 1; the test does not wait out the 1-minute backoff)
    /// must start only after the old run's processes are gone. Counted independently: the census (processes per killed
    /// session, sampled every 200 ms) and the commands' own ledger.
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    public async Task A_killed_job_exec_leaves_no_orphans_and_its_target_reruns_only_after_the_old_run_is_gone()
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

    /// <summary>How many runs the kill loop makes in a row (issue 29 asks for 200); 5 when unset.</summary>
    public const string EnvLoopRuns = "SATDAEMON_KILL_LOOP_RUNS";

    /// <summary>How many busy loops (`nice -n 10 sh -c 'while :; do :; done'`) run beside the kill loop; 0 when unset.</summary>
    public const string EnvLoopHogs = "SATDAEMON_KILL_LOOP_HOGS";

    /// <summary>
    /// The test above run again and again until one run fails or all have passed, beside N CPU hogs: the issue's "run it
    /// in a loop with a CPU hog beside it". Long (a run is 1–4 minutes on 2 cores): CI's (.ci/run sets the runs and hogs).
    /// </summary>
    [ServiceFact(Needs.Ssh)]
    [Trait("Length", "Long")]
    public async Task The_kill_loop_passes_every_run_in_a_row()
    {
        var runs = EnvCount(EnvLoopRuns, 5);
        var hogs = new List<Process>();
        try
        {
            for (var h = 0; h < EnvCount(EnvLoopHogs, 0); h++)
                hogs.Add(Process.Start(new ProcessStartInfo("nice", ["-n", "10", "sh", "-c", "while :; do :; done"]) { UseShellExecute = false })!);
            for (var i = 1; i <= runs; i++)
            {
                output.WriteLine($"kill loop: run {i} of {runs}, {hogs.Count} CPU hogs, load average {File.ReadAllText("/proc/loadavg").Trim()}");
                var job = LedgerJob.Create(progress: false);
                try
                {
                    await RunAsync(job);
                }
                catch
                {
                    output.WriteLine($"kill loop: run {i} of {runs} failed after {i - 1} passed");
                    throw;
                }
                finally
                {
                    job.Cleanup();
                }
            }
            output.WriteLine($"kill loop: {runs} of {runs} runs passed");
        }
        finally
        {
            // Only the hogs this test started, by their own handles.
            foreach (var hog in hogs)
            {
                if (!hog.HasExited) hog.Kill(entireProcessTree: true);
                hog.Dispose();
            }
        }
    }

    private static int EnvCount(string name, int unset) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : throw new ArgumentException($"{name} must be a whole number (got '{v}')")
            : unset;

    private async Task RunAsync(LedgerJob job)
    {
        await using var bed = await FaultBed.CreateAsync(job, 6, "FORK", c =>
        {
            c.Set("PARAMETERS", "kill_grace", "2s");
            c.Set("JOB:download", "retries", "1");
        });
        var targets = await FaultBed.AddFrameAsync(bed, "001A_JOBEXECKILL", Targets);
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        var watch = Stopwatch.StartNew();
        // target → (job id, session id = job exec's pid, when it was killed)
        var killed = new ConcurrentDictionary<string, (string JobId, int Sid, long KilledNs)>();
        var lastSeenAlive = new ConcurrentDictionary<int, long>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var sids = killed.Values.Select(k => k.Sid).ToHashSet();
                var now = Ledger.EpochNs();
                foreach (var p in ProcessCensus.InSessions(sids)) lastSeenAlive[p.Sid] = now;
                try
                {
                    // Retries wait a backoff of 1 minute; the test brings them forward (the order of kill and retry is the daemon's).
                    await using var db = bed.Factory.Create();
                    await db.PendingJobs.Where(p => p.NotBefore != null).ExecuteUpdateAsync(s => s.SetProperty(p => p.NotBefore, (DateTime?)null));
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException) { }
                await Task.Delay(200);
            }
        });

        // The daemon's decisions, printed for any target that goes wrong (this test once failed under load: one orphan, one overlap).
        var logs = new CapturingLoggerProvider();
        await using (var daemon = bed.StartInProcess(logs))
        {
            await WaitFor.ConditionAsync(() =>
            {
                foreach (var run in job.Read().Unended.Where(r => !killed.ContainsKey(r.Target)))
                {
                    if (JobExecOf(bed, run.JobId) is not { } jobExec) continue;
                    ProcessCensus.TryKill(jobExec.Pid); // SIGKILL job exec only; its command runs on
                    killed[run.Target] = (run.JobId, jobExec.Sid, Ledger.EpochNs());
                    output.WriteLine($"killed job exec pid {jobExec.Pid} (session {jobExec.Sid}) of {run.Target} job {run.JobId}");
                }
                // Waits are long enough for a machine at load average 50 (2 cores): 10 targets and their retries on 8 cpus.
                // Every target killed once — or, on a loaded machine, its first run finished before it could be caught
                // (ledger ended, never killed): such a target has nothing left to kill.
                var read = job.Read();
                return targets.All(t => killed.ContainsKey(t) || (read.ByTarget.TryGetValue(t, out var rs) && rs.Any(r => r.Finished)));
            }, TimeSpan.FromMinutes(6), $"every target's job exec killed while its command ran, or its run finished first", poll: TimeSpan.FromMilliseconds(200), dump: bed.Factory);
            await WaitFor.ConditionAsync(() => FaultBed.DownloadsSettledAsync(bed), TimeSpan.FromMinutes(6), "every download ended", poll: TimeSpan.FromSeconds(1), dump: bed.Factory);
        }
        await Task.Delay(500);
        await stop.CancelAsync();
        await watcher;

        var runs = job.Read();
        var orphans = ProcessCensus.InSessions(killed.Values.Select(k => k.Sid).ToHashSet());
        var early = new List<string>();
        foreach (var (target, k) in killed)
        {
            var retry = runs.ByTarget[target].FirstOrDefault(r => r.JobId != k.JobId);
            if (retry is not null && lastSeenAlive.TryGetValue(k.Sid, out var alive) && retry.StartNs <= alive)
                early.Add($"{target}: retry job {retry.JobId} started {LedgerRun.Clock(retry.StartNs)}, a process of the killed session {k.Sid} was alive at {LedgerRun.Clock(alive)}");
        }
        var events = await FaultBed.EventLedgerAsync(bed);
        FaultBed.Figures(output, "job exec SIGKILL x" + killed.Count,
            $"job exec killed {killed.Count}; orphans left {orphans.Count}; retries started while the killed run lived {early.Count}; "
            + $"killed runs whose command ended before the daemon's SIGTERM {killed.Count(k => runs.ByTarget[k.Key].Single(r => r.JobId == k.Value.JobId).Finished)}; {runs.Figures()}; "
            + $"job_events (secondary): {events}; {watch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(runs.ToString());
        output.WriteLine(string.Join('\n', orphans.Concat<object>(early)));
        foreach (var (target, k) in killed.Where(k => early.Any(e => e.StartsWith(k.Key + ":", StringComparison.Ordinal))
                     || orphans.Any(o => o.Sid == k.Value.Sid)))
        {
            output.WriteLine($"daemon log for {target} (killed job {k.JobId}, session {k.Sid}, killed at {LedgerRun.Clock(k.KilledNs)}):");
            foreach (var id in runs.ByTarget[target].Select(r => r.JobId).Append(k.JobId).Distinct())
                foreach (var line in logs.TimedLinesWith($"job {id} ").Concat(logs.TimedLinesWith($"job {id}:")).Distinct())
                    output.WriteLine("  " + line);
        }

        // How many runs could be caught alive depends on the load; every one caught must hold what follows.
        Assert.True(killed.Count >= 1, "no job exec was caught while its command ran");
        Assert.Empty(orphans);
        Assert.Empty(early);
        // Each target: the killed run was stopped (SIGTERM reached its command) and one run finished, never two at once.
        // A killed run whose command finished before the daemon's SIGTERM (its job exec died, so its end was never
        // recorded) is run again by the retry: two finishes of one target, the first being the killed run, by design.
        var outran = killed.Where(k => runs.ByTarget[k.Key].Single(r => r.JobId == k.Value.JobId).Finished).Select(k => k.Key).ToHashSet();
        var problems = runs.Problems(targets, stopsAllowed: true).Where(p => !outran.Any(t => p == $"{t}: finished 2 times in 2 runs")).ToList();
        Assert.Empty(problems);
        // The killed run ended: stopped by the daemon (`stop`), or — on a loaded machine, when the daemon's SIGTERM came
        // later than the command's own 6 s — by itself (`end`). Its `sleep 600` grandchild never ends by itself: that
        // it is gone, and gone before the retry started, is what the census above proves.
        Assert.All(killed, k => Assert.False(runs.ByTarget[k.Key].Single(r => r.JobId == k.Value.JobId).Unended, $"{k.Key}: the killed run has no end"));
        Assert.Equal(Targets, await bed.CountAsync<IfgRow>(q => q.Where(r => r.ProcStage == 2)) + await bed.CountAsync<MasterRow>(q => q.Where(r => r.ProcStage == 2)));
        Assert.Empty(await FaultBed.InconsistenciesAsync(bed));
        Assert.Empty(sampler.Violations);
    }

    /// <summary>The live job exec process of job <paramref name="jobId"/> of this bed (its config path is on the line).</summary>
    internal static CensusProcess? JobExecOf(DaemonTestBed bed, string jobId) =>
        ProcessCensus.All().FirstOrDefault(p => JobExecLine().IsMatch(p.Args)
            && p.Args.Contains(bed.ConfigPath, StringComparison.Ordinal)
            && JobIdArg().Match(p.Args) is { Success: true } m && m.Groups[1].Value == jobId);

    // job exec itself ("<tools> job exec" or "dotnet <tools.dll> job exec"), not the launching "sh -c '… job exec …'".
    [GeneratedRegex(@"^\S+(\s+\S+)?\s+job exec ")]
    private static partial Regex JobExecLine();

    [GeneratedRegex(@"--job-id (\d+) ")]
    private static partial Regex JobIdArg();
}
