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
    private static Task<DaemonTestBed> SlurmBedAsync(double seconds, int cpus, double memory, bool withSsh, Action<ConfigText>? more = null,
        bool simulate = true) =>
        DaemonTestBed.CreateAsync(TestProvider.Postgres, seconds, c =>
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

    [ServiceFact(Needs.Slurm | Needs.Ssh)]
    public async Task Frame_goes_through_the_whole_chain_on_a_slurm_machine_and_an_ssh_machine_within_budget()
    {
        await using var bed = await SlurmBedAsync(seconds: 0.4, cpus: 4, memory: 8, withSsh: true);
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
        var slurmJobs = SlurmCluster.OfInstance(instance);
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
}
