using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// job exec measures what its command really takes: a known load (<see cref="KnownLoad"/>) run through the real job
/// exec, as the daemon launches it (leading its own session), gives figures within a tolerance of what the load is
/// known to take; the CPU truth is the shell's own `times`, not anything job exec records.
/// </summary>
public sealed class JobUsageTests(ITestOutputHelper output)
{
    // 200 MB held for 3 s, 2 cores for 3 s, 64 MB written: big enough to stand out from the shells' few MB each.
    internal static readonly KnownLoad Load = new(MemoryMb: 200, Cores: 2, Seconds: 3, WriteMb: 64);

    [Fact]
    public async Task Job_exec_measures_memory_cpu_and_writes_of_its_whole_session()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var script = Path.Combine(bed.Root, "load.sh");
        await File.WriteAllTextAsync(script, Load.Script(Path.Combine(bed.Root, "written.bin")));

        var clock = Stopwatch.StartNew();
        using (var p = JobSessionTests.StartAsSessionLeader(bed.ExecArgs(job.Id, ["/bin/sh", script])))
        {
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(p.ExitCode == 0, await bed.DumpAsync(job.Id));
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var log = await File.ReadAllTextAsync(bed.LogPath(job.Id));
        var row = await bed.QueryAsync(db => db.JobUsage.SingleOrDefaultAsync(u => u.JobId == job.Id));
        Assert.True(row is not null, await bed.DumpAsync(job.Id));

        UsageAssert.WithinTolerance(output, Load, row, log, elapsed);
        Assert.True(row.Success);
        Assert.Equal((JobTestBed.FrameId, "download", JobTestBed.Machine), (row.FrameId, row.JobType, row.Machine));
        Assert.Equal((1, 1.0, 1), (row.BudgetCpus, row.BudgetMemory, row.BudgetDisk)); // what JobTestBed.ClaimAsync gave it
    }

    [ServiceFact(Needs.Ssh)]
    public async Task Over_ssh_the_daemon_launched_job_exec_measures_the_known_load()
    {
        // The real path: the daemon launches setsid nohup job exec over sshd, as the ssh test user; job exec reports
        // to PostgreSQL.
        await using var bed = await DaemonTestBed.CreateAsync(TestProvider.Postgres, machines: c => DaemonTestBed.SshMachinesConfig(c), simulate: false);
        var script = Path.Combine(bed.Dir, "load.sh");
        await File.WriteAllTextAsync(script, Load.Script(Path.Combine(bed.Dir, "written.bin")));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        bed.Config.Set("JOB:download", "command", "sh " + script);
        bed.WriteConfig();
        await bed.AddFrameAsync("081A_USAGE_SSH", 1, ProcLevel.Download); // one job: the master's download

        var clock = Stopwatch.StartNew();
        JobUsageRecord? row = null;
        await using (var daemon = bed.StartInProcess())
        {
            await WaitFor.ConditionAsync(async () =>
            {
                await using var db = bed.Factory.Create();
                row = await db.JobUsage.AsNoTracking().SingleOrDefaultAsync();
                return row is not null;
            }, TimeSpan.FromMinutes(3), "the job's usage row", dump: bed.Factory);
            await bed.Controller.PowerDownAsync();
            Assert.True(await daemon.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        var jobId = row!.JobId;
        await using var check = bed.Factory.Create();
        var launched = await check.JobEvents.AsNoTracking().SingleAsync(e => e.JobId == jobId && e.Kind == JobEventKinds.Launched);
        // The launch event carries the log path after JobStore.LaunchedLogMarker, as ctl log finds it.
        var message = launched.Message!;
        var logPath = message[(message.IndexOf(JobStore.LaunchedLogMarker, StringComparison.Ordinal) + JobStore.LaunchedLogMarker.Length)..];
        var log = await File.ReadAllTextAsync(logPath);

        UsageAssert.WithinTolerance(output, Load, row!, log, elapsed);
        Assert.True(row!.Success);
        Assert.StartsWith("ssh", row.Machine);
    }

    [Fact]
    public async Task A_run_over_its_memory_budget_is_logged_by_job_exec_and_counted_as_an_over_budget_event()
    {
        using var bed = await JobTestBed.CreateAsync();
        // 0.1 GB held = 102 MB; with the default margin of 25 % the line is 128 MB, and dd holds 200 MB for 2 s.
        var job = await bed.ClaimAsync(memory: 0.1);

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ["/bin/sh", "-c", "dd if=/dev/zero bs=200M count=1 iflag=fullblock 2>/dev/null | { sleep 2; cat >/dev/null; }"]));

        var dump = await bed.DumpAsync(job.Id);
        output.WriteLine($"{result}\n{dump}");
        Assert.True(result.ExitCode == 0, dump);
        var e = Assert.Single(await bed.QueryAsync(db => db.JobEvents.Where(e => e.Kind == JobEventKinds.OverBudget).ToListAsync()));
        Assert.Equal(job.Id, e.JobId);
        Assert.Contains("> 0.1 GB + 25 %", e.Message);
        Assert.Contains($"job {job.Id} (download) took more than its budget: memory", result.Stderr);
    }

    [Fact]
    public async Task A_failed_run_keeps_its_figures_on_failed_jobs_and_in_job_usage()
    {
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        var file = Path.Combine(bed.Root, "written.bin");

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id,
            ["/bin/sh", "-c", $"dd if=/dev/zero of='{file}' bs=1M count=32 conv=fsync 2>/dev/null; exit 3"]));

        var dump = await bed.DumpAsync(job.Id);
        output.WriteLine(dump);
        Assert.True(result.ExitCode == 3, $"{result}\n{dump}");
        var failed = Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync()));
        var usage = Assert.Single(await bed.QueryAsync(db => db.JobUsage.ToListAsync()));
        output.WriteLine($"failed_jobs: wall {failed.WallS} s, cpu {failed.CpuS} s, peak {failed.PeakRssMb} MB, written {failed.WriteMb} MB");
        // 32 MB went to disk (conv=fsync); job exec's own log lines add a few kB at most.
        Assert.InRange(failed.WriteMb ?? -1, 32, 32 + 1);
        Assert.False(usage.Success);
        Assert.Equal(failed.WriteMb, usage.WriteMb);
        Assert.Equal(failed.PeakRssMb, usage.PeakRssMb);
    }
}

/// <summary>The tolerances of a measured <see cref="KnownLoad"/>, shared by the local and the ssh test; figures printed first.</summary>
internal static class UsageAssert
{
    public static void WithinTolerance(ITestOutputHelper output, KnownLoad load, JobUsageRecord row, string log, double elapsedSeconds)
    {
        var childrenCpu = KnownLoad.ChildrenCpuSeconds(log);
        var cost = KnownLoad.SamplingCost(log);
        output.WriteLine($"load: {load.MemoryMb} MB held, {load.Cores} cores x {load.Seconds} s (= {load.Cores * load.Seconds} cpu s if the cores were free), {load.WriteMb} MB written");
        output.WriteLine($"truth: shell's children cpu (times) {childrenCpu:0.00} s; job exec's run seen from outside {elapsedSeconds:0.00} s");
        output.WriteLine($"measured: wall {row.WallS:0.00} s, cpu {row.CpuS:0.00} s, mean cores {row.MeanCores:0.00}, peak {row.PeakRssMb:0.0} MB, read {row.ReadMb:0.0} MB, written {row.WriteMb:0.0} MB");
        output.WriteLine($"sampling cost: {cost.Run:P3} of a core over this run, {cost.Steady:P3} at one pass per 2 s (long jobs)");
        output.WriteLine(log);

        // Memory: dd's buffer is N MB, resident all through the reader's sleep; the ~10 shells, sleep, cat and timeout
        // add 1-3 MB each. Within N .. N + 64 MB.
        Assert.InRange(row.PeakRssMb, load.MemoryMb, load.MemoryMb + 64);
        // CPU: the shell's children are all of the job but the shell itself (a few ms) and job exec (not the job);
        // times prints to 10 ms. Within the truth - 0.05 s .. + 0.5 s.
        Assert.InRange(row.CpuS, childrenCpu - 0.05, childrenCpu + 0.5);
        // Wall: the loops run T seconds; the run cannot be longer than job exec's whole life seen from outside.
        Assert.InRange(row.WallS, load.Seconds, elapsedSeconds);
        Assert.Equal(row.CpuS / row.WallS, row.MeanCores, 6);
        // Writes: M MB reached the disk (conv=fsync); job exec's own log lines add a few kB. Within M .. M + 1 MB.
        Assert.InRange(row.WriteMb, load.WriteMb, load.WriteMb + 1);
        Assert.False(double.IsNaN(cost.Run), "job exec wrote no sampling cost to the log");
    }
}
