using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// The daemon with a Slurm partition as one of its machines, on the real single-node cluster of tests/services (16 cpus
/// declared, a disk_io license pool of 100) and real PostgreSQL. What Slurm did is read from Slurm (squeue), what the
/// jobs did from their own outputs; the daemon's records are checked against both.
/// </summary>
[Trait("Category", "Slurm")]
public sealed class DaemonSlurmFacts(ITestOutputHelper output)
{
    private const string Hpc = "hpc";

    /// <summary>A Slurm machine "hpc" (submitted on the login node) with the given budget (disk as Slurm licenses), optionally beside ssh1.</summary>
    internal static Task<DaemonTestBed> SlurmBedAsync(double seconds, int cpus, double memory, bool withSsh, Action<ConfigText>? more = null,
        bool simulate = true)
    {
        // A node an earlier test left drained (an interrupted run) would leave every job pending.
        SlurmCluster.ResumeNodeIfNotUp();
        return DaemonTestBed.CreateAsync(TestProvider.Postgres, seconds, c =>
        {
            var names = new List<string>();
            if (withSsh)
            {
                DaemonTestBed.SshMachinesConfig(c);
                c.RemoveSection("PROC_MACHINES:ssh2");
                names.Add("ssh1");
            }
            else c.RemoveSection("PROC_MACHINES:m01");
            var s = "PROC_MACHINES:" + Hpc;
            c.Set(s, "transport", "slurm");
            c.Set(s, "partition", SlurmCluster.Partition);
            // Submitted from the login node as the same user as the ssh machines' jobs (they share the frame folders).
            c.Set(s, "submit_host", SshMachines.Host);
            c.Set(s, "port", SlurmCluster.LoginPort.ToString(CultureInfo.InvariantCulture));
            c.Set(s, "user", SshMachines.User);
            c.Set(s, "key_file", SshMachines.Key ?? "/nonexistent");
            c.Set(s, "known_hosts", SshMachines.KnownHosts ?? "/nonexistent");
            c.Set(s, "disk_license", "disk_io");
            c.Set(s, "cpus", cpus.ToString(CultureInfo.InvariantCulture));
            c.Set(s, "memory", memory.ToString(CultureInfo.InvariantCulture));
            c.Set(s, "disk", "100");
            names.Add(Hpc);
            c.Set("PROC_MACHINES", "names", string.Join(", ", names));
            more?.Invoke(c);
        }, simulate);
    }

    [ServiceFact(Needs.Slurm | Needs.Ssh)]
    public async Task Frame_goes_through_the_whole_chain_on_a_slurm_machine_and_an_ssh_machine_within_budget()
    {
        // Commands are `sh` writing their outputs (one .NET start-up per job, job exec's, not two): the test is about Slurm.
        await using var bed = await SlurmBedAsync(seconds: 0.3, cpus: 4, memory: 8, withSsh: true, c => DaemonTestBed.ShellJobs(c, 0.3));
        const string frame = "072D_CHAIN_SLURM";
        await bed.AddFrameAsync(frame, 4);
        var instance = await InstanceIdentityStore.GetOrCreateAsync(bed.Factory, CancellationToken.None);
        var logs = new CapturingLoggerProvider();
        await using var sampler = new BudgetSampler(bed.Factory, bed.LoadConfig().Machines);
        var slurmPeak = (Cpus: 0, Licenses: 0);
        using var stop = new CancellationTokenSource();
        // Slurm's own view of what our jobs hold at once, sampled beside the daemon's records.
        var slurmSampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var running = SlurmCluster.OfInstance(instance).SelectMany(g => g).Where(j => j.State == "RUNNING").ToList();
                var cpus = running.Sum(j => j.Cpus);
                var lic = running.Sum(j => int.Parse(j.Licenses.Split(':').Last(), CultureInfo.InvariantCulture));
                slurmPeak = (Math.Max(slurmPeak.Cpus, cpus), Math.Max(slurmPeak.Licenses, lic));
                await Task.Delay(200);
            }
        });
        try
        {
            await using var daemon = bed.StartInProcess(logs);
            await WaitFor.ConditionAsync(() => bed.AllCompleteAsync(frame), TimeSpan.FromMinutes(5), "every row complete", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)), "daemon did not exit after power-down");
            Assert.Equal(0, daemon.ExitCode);
        }
        catch
        {
            output.WriteLine(logs.AllText);
            throw;
        }
        await stop.CancelAsync();
        await slurmSampler;

        await using var db = bed.Factory.Create();
        var launched = await db.JobEvents.Where(e => e.Kind == JobEventKinds.Launched).ToListAsync();
        var onSlurm = launched.Where(e => e.Machine == Hpc).Select(e => e.JobId).ToHashSet();
        var slurmJobs = (await SlurmCluster.SettledJobsAsync(instance)).ToLookup(SlurmJobIdOf);
        var states = slurmJobs.SelectMany(g => g).GroupBy(j => j.State).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"launches {launched.Count} (hpc {onSlurm.Count}, ssh1 {launched.Count(e => e.Machine == "ssh1")}); "
            + $"Slurm jobs of this installation {slurmJobs.Sum(g => g.Count())} ({string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}); "
            + $"Slurm peak {slurmPeak.Cpus} cpus, {slurmPeak.Licenses} disk_io; daemon budget samples {sampler.Samples}, violations {sampler.Violations.Count}; "
            + $"failed_jobs {await db.FailedJobs.CountAsync()}");

        Assert.Equal(3 + 3 * 4 + 5 * 2 + 2, launched.Count);      // DESIGN §5 chain for 4 dates, each stage once
        Assert.NotEmpty(onSlurm);
        Assert.Contains(launched, e => e.Machine == "ssh1");
        Assert.Equal(launched.Count, launched.Select(e => e.Message).Distinct().Count()); // no target stage launched twice
        // Slurm ran each job it was given exactly once, and it completed.
        Assert.Equal(onSlurm.Order(), slurmJobs.Select(g => g.Key).Order());
        Assert.All(slurmJobs, g => Assert.Equal("COMPLETED", Assert.Single(g).State));
        Assert.Equal(0, await db.FailedJobs.CountAsync());
        Assert.Empty(sampler.Violations);
        Assert.InRange(slurmPeak.Cpus, 1, 4);
        Assert.InRange(slurmPeak.Licenses, 0, 100);
        // The Slurm job id is recorded with the job (its launch event's machine and the running row while it ran).
        Assert.Contains(logs.Lines, l => l.Text.StartsWith("submitted job ", StringComparison.Ordinal) && l.Text.Contains("Slurm job ", StringComparison.Ordinal));
    }

    /// <summary>
    /// Downloads whose command writes the Slurm job id into a per-date ledger under the frame's folder, then sleeps:
    /// a second run of a date shows as a second line, whatever the daemon recorded.
    /// </summary>
    internal static void LedgerDownloads(ConfigText c, int seconds) =>
        c.Set("JOB:download", "command",
            $"sh -c \"echo $SLURM_JOB_ID >> {{frame_dir}}/ledger_{{date}}; sleep {seconds.ToString(CultureInfo.InvariantCulture)}\"");

    internal static Dictionary<string, int> LedgerLines(DaemonTestBed bed, string frame) =>
        Directory.GetFiles(Path.Combine(bed.ProcDir, frame), "ledger_*")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllLines(f).Count(l => l.Trim().Length > 0));

    [ServiceFact(Needs.Slurm | Needs.Ssh)]
    public async Task A_job_past_its_time_limit_is_ended_by_slurm_and_recorded_as_timeout()
    {
        // timeout = 1 minute becomes sbatch --time=1; the command would sleep 10 minutes.
        await using var bed = await SlurmBedAsync(seconds: 600, cpus: 4, memory: 8, withSsh: false, c =>
        {
            c.Set("JOB:download", "timeout", "1m");
            c.Set("JOB:download", "command", "sleep 600");
        }, simulate: false);
        const string frame = "073D_SLURM_TIMEOUT";
        await bed.AddFrameAsync(frame, 1, ProcLevel.Download);
        var instance = await InstanceIdentityStore.GetOrCreateAsync(bed.Factory, CancellationToken.None);
        var logs = new CapturingLoggerProvider();
        FailedJob? failed = null;
        try
        {
            await using var daemon = bed.StartInProcess(logs);
            await WaitFor.ConditionAsync(async () =>
            {
                await using var db = bed.Factory.Create();
                failed = await db.FailedJobs.AsNoTracking().FirstOrDefaultAsync();
                return failed is not null;
            }, TimeSpan.FromMinutes(4), "the job's failure recorded", poll: TimeSpan.FromSeconds(2), dump: bed.Factory);
        }
        catch
        {
            output.WriteLine(logs.AllText);
            throw;
        }
        var slurm = await SlurmCluster.SettledJobsAsync(instance);
        output.WriteLine($"failed_jobs: {failed!.Error}; Slurm: {string.Join(", ", slurm.Select(j => $"{j.Id} {j.State}"))}");
        // Slurm's own record: the job ended by its time limit.
        Assert.Equal("TIMEOUT", Assert.Single(slurm).State);
        Assert.Contains("slurm: TIMEOUT", failed.Error);
        Assert.Equal("download", failed.JobType);
    }

    internal static long SlurmJobIdOf(SlurmCluster.Job j) => long.Parse(j.Name.Split('_')[2], CultureInfo.InvariantCulture);
}

/// <summary>
/// The daemon SIGKILLed with jobs running and pending in Slurm. A class of its own so it runs beside
/// <see cref="DaemonSlurmFacts"/>: the node has room for both.
/// </summary>
[Trait("Category", "Slurm")]
public sealed class DaemonSlurmRestartFacts(ITestOutputHelper output)
{
    private static Task<DaemonTestBed> SlurmBedAsync(double seconds, int cpus, double memory, bool withSsh, Action<ConfigText>? more = null,
        bool simulate = true) => DaemonSlurmFacts.SlurmBedAsync(seconds, cpus, memory, withSsh, more, simulate);

    private static void LedgerDownloads(ConfigText c, int seconds) => DaemonSlurmFacts.LedgerDownloads(c, seconds);

    private static Dictionary<string, int> LedgerLines(DaemonTestBed bed, string frame) => DaemonSlurmFacts.LedgerLines(bed, frame);

    private static long SlurmJobIdOf(SlurmCluster.Job j) => DaemonSlurmFacts.SlurmJobIdOf(j);

    [ServiceFact(Needs.Slurm | Needs.Ssh)]
    public async Task A_daemon_killed_with_jobs_running_and_pending_in_slurm_adopts_them_all_and_submits_none_twice()
    {
        // The node has 16 cpus; the budget lets the daemon submit 8 downloads of 4 cpus: at most 4 run, the rest wait in
        // Slurm's queue (fewer run while the other Slurm class's jobs hold part of the node).
        await using var bed = await SlurmBedAsync(seconds: 20, cpus: 32, memory: 64, withSsh: false, c =>
        {
            c.Set("JOB:download", "cpus", "4");
            c.Set("JOB:download", "memory", "1");
            LedgerDownloads(c, 20);
        }, simulate: false);
        const string frame = "074D_SLURM_RESTART";
        var dates = await bed.AddFrameAsync(frame, 8, ProcLevel.Download);
        var instance = await InstanceIdentityStore.GetOrCreateAsync(bed.Factory, CancellationToken.None);

        var first = bed.StartProcess();
        List<SlurmCluster.Job> atKill = [];
        try
        {
            await WaitFor.ConditionAsync(() =>
            {
                atKill = SlurmCluster.OfInstance(instance).SelectMany(g => g).ToList();
                return Task.FromResult(atKill.Any(j => j.State == "RUNNING") && atKill.Any(j => j.State == "PENDING"));
            }, TimeSpan.FromMinutes(2), "jobs running and pending in Slurm", dump: bed.Factory);
        }
        finally
        {
            first.Kill(); // SIGKILL: no chance to tidy up
            await first.WaitForExitAsync();
        }
        // What Slurm holds once the daemon is dead (a submission may have gone out after the last look before the kill).
        atKill = SlurmCluster.OfInstance(instance).SelectMany(g => g).ToList();
        var active = atKill.Where(j => j.State is "RUNNING" or "PENDING").ToList();
        output.WriteLine($"at the kill: {string.Join(", ", atKill.Select(j => $"{j.Name} {j.State}"))}");

        var second = bed.StartProcess();
        try
        {
            await WaitFor.ConditionAsync(() => FaultsFree.DownloadsDoneAsync(bed, frame), TimeSpan.FromMinutes(3), "every download complete", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(second.WaitForExit(TimeSpan.FromSeconds(60)), "daemon did not exit after power-down");
        }
        finally
        {
            if (!second.HasExited) second.Kill();
            lock (bed.Output) output.WriteLine(string.Join('\n', bed.Output.Where(l => l.Contains("adopted", StringComparison.Ordinal)
                || l.Contains("Slurm", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase))));
        }

        await using var db = bed.Factory.Create();
        var adopted = await db.JobEvents.Where(e => e.Kind == JobEventKinds.Adopted).Select(e => e.JobId).ToListAsync();
        var slurm = SlurmCluster.OfInstance(instance);
        var ledger = LedgerLines(bed, frame);
        output.WriteLine($"active at kill {active.Count} ({active.Count(j => j.State == "PENDING")} pending); adopted {adopted.Count}; "
            + $"Slurm jobs {slurm.Sum(g => g.Count())} for {slurm.Count} job ids; ledger lines {string.Join(", ", ledger.Select(l => $"{l.Key} {l.Value}"))}; "
            + $"failed_jobs {await db.FailedJobs.CountAsync()}; exit {second.ExitCode}");

        Assert.Equal(0, second.ExitCode);
        Assert.All(slurm, g => Assert.Single(g));                       // no SatDaemon job submitted twice
        Assert.Equal(dates.Count, ledger.Count);                         // every date (master and ifg) was downloaded…
        Assert.All(ledger, l => Assert.Equal(1, l.Value));               // …once
        Assert.Equal(dates.Count, slurm.Count);                          // one Slurm job each
        Assert.Equal(active.Select(j => SlurmJobIdOf(j)).Order(), adopted.Order()); // each job Slurm held at the kill was adopted
        Assert.Equal(0, await db.FailedJobs.CountAsync());
    }
}

/// <summary>
/// slurmctld stopped and restarted mid-run. Stopping the cluster's controller disturbs every Slurm test, so this one runs
/// alone, after the parallel part of the suite (<see cref="SlurmControllerStop"/>).
/// </summary>
[Trait("Category", "Slurm")]
[Trait("Length", "Long")] // runs alone (it stops the controller): CI runs it (test.sh, SATDAEMON_TEST_LONG=1)
[Collection(SlurmControllerStop.Name)]
public sealed class DaemonSlurmControllerFacts(ITestOutputHelper output)
{
    private static Task<DaemonTestBed> SlurmBedAsync(double seconds, int cpus, double memory, bool withSsh, Action<ConfigText>? more = null,
        bool simulate = true) => DaemonSlurmFacts.SlurmBedAsync(seconds, cpus, memory, withSsh, more, simulate);

    private static void LedgerDownloads(ConfigText c, int seconds) => DaemonSlurmFacts.LedgerDownloads(c, seconds);

    private static Dictionary<string, int> LedgerLines(DaemonTestBed bed, string frame) => DaemonSlurmFacts.LedgerLines(bed, frame);

    [ServiceFact(Needs.Slurm | Needs.Ssh)]
    public async Task Slurmctld_stopped_and_restarted_mid_run_loses_nothing()
    {
        await using var bed = await SlurmBedAsync(seconds: 10, cpus: 8, memory: 16, withSsh: false, c =>
        {
            c.Set("JOB:download", "cpus", "2");
            c.Set("JOB:download", "memory", "1");
            LedgerDownloads(c, 10);
        }, simulate: false);
        const string frame = "075D_SLURM_CTLD";
        var dates = await bed.AddFrameAsync(frame, 6, ProcLevel.Download);
        var instance = await InstanceIdentityStore.GetOrCreateAsync(bed.Factory, CancellationToken.None);
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var daemon = bed.StartInProcess(logs);
            await WaitFor.ConditionAsync(() => Task.FromResult(SlurmCluster.OfInstance(instance).SelectMany(g => g).Count(j => j.State == "RUNNING") >= 2),
                TimeSpan.FromMinutes(2), "downloads running in Slurm", dump: bed.Factory);
            await SlurmCluster.StopControllerAsync();
            output.WriteLine($"slurmctld stopped at {DateTime.UtcNow:HH:mm:ss}");
            await Task.Delay(TimeSpan.FromSeconds(12));
            SlurmCluster.StartController();
            output.WriteLine($"slurmctld started at {DateTime.UtcNow:HH:mm:ss}");
            await WaitFor.ConditionAsync(() => FaultsFree.DownloadsDoneAsync(bed, frame), TimeSpan.FromMinutes(4), "every download complete", dump: bed.Factory);
        }
        catch
        {
            output.WriteLine(logs.AllText);
            throw;
        }
        finally
        {
            // However the test ends, the cluster is left running, its node in service, for the next one.
            if (!SlurmCluster.ControllerRunning()) SlurmCluster.StartController();
            await WaitFor.ConditionAsync(() => Task.FromResult(SlurmCluster.ControllerAnswers()), TimeSpan.FromSeconds(60), "slurmctld to answer");
            SlurmCluster.ResumeNodeIfNotUp();
        }
        await using var db = bed.Factory.Create();
        var slurm = SlurmCluster.OfInstance(instance);
        var ledger = LedgerLines(bed, frame);
        var down = logs.Lines.Count(l => l.Text.StartsWith("machine hpc unavailable", StringComparison.Ordinal));
        output.WriteLine($"machine-down reports {down}; Slurm jobs {slurm.Sum(g => g.Count())} for {slurm.Count} job ids; "
            + $"ledger {string.Join(", ", ledger.Select(l => $"{l.Key} {l.Value}"))}; failed_jobs {await db.FailedJobs.CountAsync()}");
        Assert.True(down >= 1, "the daemon never saw the controller down");
        Assert.All(slurm, g => Assert.Single(g));
        Assert.Equal(dates.Count, ledger.Count);
        Assert.All(ledger, l => Assert.Equal(1, l.Value));
        Assert.Equal(0, await db.FailedJobs.CountAsync());
    }
}

/// <summary>Tests that stop the Slurm controller run with nothing else beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlurmControllerStop
{
    public const string Name = "Slurm controller stop";
}

/// <summary>Waits of the Slurm tests that read the stage rows directly.</summary>
internal static class FaultsFree
{
    /// <summary>The frame's master and every ifg row are past the download stage, and no job of it is left.</summary>
    public static async Task<bool> DownloadsDoneAsync(DaemonTestBed bed, string frame)
    {
        try
        {
            await using var db = bed.Factory.Create();
            return !await db.RunningJobs.AnyAsync(j => j.FrameId == frame) && !await db.PendingJobs.AnyAsync(j => j.FrameId == frame)
                && await db.Ifg.Where(i => i.FrameId == frame).AllAsync(i => i.ProcStage > 1 || i.ProcStatus == ProcStatus.Complete)
                && await db.Master.Where(m => m.FrameId == frame).AllAsync(m => m.ProcStage > 1 || m.ProcStatus == ProcStatus.Complete);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }
}
