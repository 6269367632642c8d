using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.JobProtocol;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// The native job exec (satdaemon-job-exec, published once by test.sh) around a real command on SQLite: what it holds
/// in memory while the command runs, read from /proc. A memory bound, not a timed test: the command runs until the
/// test has read the figure.
/// </summary>
public sealed class NativeJobExecFacts(ITestOutputHelper output)
{
    /// <summary>Issue #32: job exec holds at most 40 MB resident while its command runs.</summary>
    private const long ResidentLimitKb = 40 * 1024;

    [Fact]
    public async Task Native_job_exec_holds_at_most_40_MB_while_its_command_runs_and_records_the_end()
    {
        Assert.True(TestBinaries.JobExec is not null,
            $"no native job exec: ${TestBinaries.JobExecEnvVar} must name the published satdaemon-job-exec (test.sh publishes it)");
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        Directory.CreateDirectory(bed.FrameDir);
        var started = Path.Combine(bed.FrameDir, "command-started");
        var release = Path.Combine(bed.FrameDir, "release-command");
        // The command says it runs, then waits for the test to have read the wrapper's memory.
        var script = $"touch '{started}'; while [ ! -e '{release}' ]; do sleep 0.05; done; echo done";

        var executed = DateTime.UtcNow;
        using var process = ToolProcess.Start(bed.ExecArgs(job.Id, ["/bin/sh", "-c", script]));
        Assert.True(await Wait.ForAsync(() => Task.FromResult(File.Exists(started) || process.HasExited), TimeSpan.FromMinutes(1)),
            "the command did not start");
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        var exe = Path.GetFileName(File.ReadAllText($"/proc/{process.Id}/cmdline").Split('\0')[0]);
        // Printed, not asserted (no timed tests): wrapper executed → the command's first act (its file's mtime).
        output.WriteLine($"wrapper executed → command started: {(File.GetLastWriteTimeUtc(started) - executed).TotalMilliseconds:0} ms (start record on SQLite included)");
        var rssKb = Kb(status, "VmRSS:");
        var hwmKb = Kb(status, "VmHWM:");
        output.WriteLine($"{exe} (pid {process.Id}) while its command runs: VmRSS {rssKb / 1024.0:0.0} MB, peak so far VmHWM {hwmKb / 1024.0:0.0} MB");
        await File.WriteAllTextAsync(release, "");
        var result = await ToolProcess.CollectAsync(process, TimeSpan.FromMinutes(2));
        output.WriteLine(result.ToString());

        Assert.Equal("satdaemon-job-exec", exe);
        Assert.True(rssKb <= ResidentLimitKb, $"job exec holds {rssKb} kB resident while its command runs; the bound is {ResidentLimitKb} kB");
        Assert.True(result.ExitCode == 0, result.ToString());
        // The end recorded by the native file itself: once, the spool gone.
        var kinds = await bed.QueryAsync(db => db.JobEvents.Where(e => e.JobId == job.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == JobEventKinds.Running));
        Assert.Equal(1, kinds.Count(k => k == JobEventKinds.Finished));
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
        Assert.False(File.Exists(JobOutcomeFile.PathFor(bed.LogPath(job.Id))), "the spool is removed once the end is recorded");
    }

    /// <summary>
    /// Issues #32 and #28: the native job exec records the end itself, with no .NET process. satdaemon_tools names a script
    /// that only appends its arguments to a ledger: had anything run `satdaemon-tools job settle` (or any tool), the ledger
    /// would say so. A final failure: failed_jobs row, the row failed, the events, the usage row and the Teams card.
    /// </summary>
    [Fact]
    public async Task Native_job_exec_records_a_failure_itself_and_posts_teams_without_starting_satdaemon_tools()
    {
        Assert.True(TestBinaries.JobExec is not null, $"no native job exec: ${TestBinaries.JobExecEnvVar} must name the published satdaemon-job-exec");
        await using var teams = new LoopbackTeamsReceiver();
        var ledgerDir = Path.Combine(Path.GetTempPath(), "sdt-ledger-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(ledgerDir);
        var ledger = Path.Combine(ledgerDir, "ledger");
        var tools = Path.Combine(ledgerDir, "satdaemon-tools");
        await File.WriteAllTextAsync(tools, $"#!/bin/sh\necho \"$@\" >> '{ledger}'\n");
        File.SetUnixFileMode(tools, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var bed = await JobTestBed.CreateAsync(teamsWebhook: teams.Url, satdaemonTools: tools);
        var job = await bed.ClaimAsync();
        Directory.CreateDirectory(bed.FrameDir);

        var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, ["/bin/sh", "-c", "echo 'ERROR: orbit file missing' >&2; exit 3"]));
        output.WriteLine(result.ToString());
        output.WriteLine(await bed.DumpAsync(job.Id));
        var ledgerText = File.Exists(ledger) ? await File.ReadAllTextAsync(ledger) : "";
        output.WriteLine($"ledger of satdaemon_tools runs: '{ledgerText}'");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", ledgerText);
        Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
        var failed = Assert.Single(await bed.QueryAsync(db => db.FailedJobs.ToListAsync()));
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("exit code 3", failed.Error);
        Assert.False(failed.Retried);
        Assert.Equal(ProcStatus.Failed, (await bed.IfgAsync()).ProcStatus);
        var kinds = await bed.QueryAsync(db => db.JobEvents.Where(e => e.JobId == job.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == JobEventKinds.Running));
        Assert.Equal(1, kinds.Count(k => k == JobEventKinds.Failed));
        Assert.Single(await bed.QueryAsync(db => db.JobUsage.Where(u => u.JobId == job.Id && !u.Success).ToListAsync()));
        Assert.Contains(JobTestBed.FrameId, await bed.QueryAsync(db => db.JobListDirtyFrames.Select(d => d.FrameId).ToListAsync()));
        Assert.False(File.Exists(JobOutcomeFile.PathFor(bed.LogPath(job.Id))), "the spool is removed once the end is recorded");
        var card = Assert.Single(teams.Requests).Body;
        Assert.Contains("Job failed: download " + JobTestBed.FrameId, card);
        Assert.Contains("ERROR: orbit file missing", card);
        Directory.Delete(ledgerDir, true);
    }

    /// <summary>
    /// Issue #28's measure, not a test of a bound (Length=Long: left out of the default suite): N jobs of a 0.5 s command
    /// through the native job exec, one after another, on SQLite. Printed per binary: launch → exit (the end is recorded
    /// before job exec exits), command end → exit (the end's own cost: the command's last act writes a time stamp), and the
    /// wrapper's peak VmRSS read from /proc while it records the end. $SATDAEMON_OLD_JOB_EXEC names an earlier build (one
    /// that starts `satdaemon-tools job settle`) to measure beside this one.
    /// </summary>
    [Fact]
    [Trait("Length", "Long")]
    public async Task Native_job_exec_end_figures()
    {
        Assert.True(TestBinaries.JobExec is not null, $"no native job exec: ${TestBinaries.JobExecEnvVar} must name the published satdaemon-job-exec");
        var binaries = new List<string> { TestBinaries.JobExec };
        if (Environment.GetEnvironmentVariable("SATDAEMON_OLD_JOB_EXEC") is { Length: > 0 } old) binaries.Insert(0, old);
        var runs = int.Parse(Environment.GetEnvironmentVariable("SATDAEMON_END_RUNS") ?? "10", CultureInfo.InvariantCulture);
        output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var binary in binaries)
        {
            using var bed = await JobTestBed.CreateAsync();
            Directory.CreateDirectory(bed.FrameDir);
            var total = new List<double>();
            var end = new List<double>();
            var rss = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                // The test's own reset: each run claims the same ifg row again at its first stage.
                await bed.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE ifg SET proc_stage = 1, proc_status = 0"));
                var job = await bed.ClaimAsync();
                var ended = Path.Combine(bed.FrameDir, $"ended-{job.Id}");
                var psi = new System.Diagnostics.ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var a in bed.ExecArgs(job.Id, ["/bin/sh", "-c", $"sleep 0.5; date +%s.%N > '{ended}'"])) psi.ArgumentList.Add(a);
                var launched = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
                using var p = System.Diagnostics.Process.Start(psi)!;
                var stderr = p.StandardError.ReadToEndAsync();
                var peakKb = 0L;
                // The wrapper's resident memory from the command's end until it exits (the end's recording).
                while (!p.HasExited)
                {
                    if (File.Exists(ended))
                        try { peakKb = Math.Max(peakKb, Kb(File.ReadAllLines($"/proc/{p.Id}/status"), "VmRSS:")); }
                        catch (Exception e) when (e is IOException or InvalidOperationException) { }
                    await Task.Delay(2);
                }
                var exited = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
                await p.WaitForExitAsync();
                Assert.True(p.ExitCode == 0, await stderr);
                var commandEnd = double.Parse(File.ReadAllText(ended).Trim(), CultureInfo.InvariantCulture);
                total.Add((exited - launched) * 1000);
                end.Add((exited - commandEnd) * 1000);
                if (peakKb > 0) rss.Add(peakKb / 1024.0);
            }
            Assert.Empty(await bed.QueryAsync(db => db.RunningJobs.ToListAsync()));
            output.WriteLine($"{binary}: {runs} runs of a 0.5 s command; launch → end recorded median {Q(total, 0.5):0} ms, p95 {Q(total, 0.95):0} ms; "
                + $"command end → end recorded median {Q(end, 0.5):0} ms, p95 {Q(end, 0.95):0} ms; wrapper VmRSS during the end median "
                + $"{Q(rss, 0.5):0.0} MB, max {(rss.Count == 0 ? double.NaN : rss.Max()):0.0} MB");
        }
        output.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>The q-quantile by nearest rank.</summary>
    private static double Q(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static long Kb(string[] status, string key) =>
        long.Parse(status.Single(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
