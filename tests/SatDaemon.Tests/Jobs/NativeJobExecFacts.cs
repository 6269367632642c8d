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

    private static long Kb(string[] status, string key) =>
        long.Parse(status.Single(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
