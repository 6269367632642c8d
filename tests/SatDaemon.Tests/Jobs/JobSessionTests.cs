using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// A job is its session: what its command leaves running is stopped by job exec before the end is recorded, and a
/// job exec that cannot record its start gives up within job_start_timeout without running the command. Processes
/// are counted from /proc by a marker only these tests use, not from anything the job records.
/// </summary>
public sealed class JobSessionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Processes_the_command_leaves_behind_are_stopped_before_the_end_is_recorded()
    {
        using var bed = await JobTestBed.CreateAsync(parameters: "kill_grace = 2s");
        var job = await bed.ClaimAsync();
        var marker = Marker();
        // One leftover that obeys SIGTERM, one that ignores it (SIG_IGN survives exec), both in the job's session.
        var script = $"(trap '' TERM; exec sleep {marker}1) & sleep {marker}2 & echo leftovers started; exit 0";

        var started = Stopwatch.StartNew();
        using var p = StartAsSessionLeader(bed.ExecArgs(job.Id, ["/bin/sh", "-c", script]));
        await WaitFor.UntilAsync(() => ProcessCensus.Take(marker).Count >= 2, TimeSpan.FromSeconds(20));
        var leftovers = ProcessCensus.Take(marker).Select(p => p.Pid).ToList();
        output.WriteLine($"leftover pids: {string.Join(", ", leftovers)}");
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var jobExecSeconds = started.Elapsed.TotalSeconds;
        var remaining = ProcessCensus.Take(marker);
        var endedAt = await bed.QueryAsync(db => db.JobEvents.Where(e => e.JobId == job.Id && e.Kind == JobEventKinds.Finished).Select(e => (DateTime?)e.Time).FirstOrDefaultAsync());
        var log = await File.ReadAllTextAsync(bed.LogPath(job.Id));
        output.WriteLine($"job exec exit {p.ExitCode} after {jobExecSeconds:0.0} s; marked processes left: {remaining.Count}; finished event: {endedAt:O}\n{log}");

        Assert.Equal(0, p.ExitCode);
        Assert.Empty(remaining);
        Assert.NotNull(endedAt);
        // The TERM-proof one went only with SIGKILL, after kill_grace (2 s): the end cannot have been recorded sooner.
        Assert.True(jobExecSeconds >= 2, $"job exec ended after {jobExecSeconds:0.0} s, before kill_grace had passed");
        Assert.Contains("left 2 process(es) running", log);
        Assert.Contains("1 needed SIGKILL", log);
    }

    [Fact]
    public async Task Job_exec_run_by_hand_outside_its_own_session_touches_nothing_else()
    {
        // The test host's session holds this test's own processes: a job exec that does not lead its session (run by
        // hand, not by the daemon) must leave the session's other members alone.
        using var bed = await JobTestBed.CreateAsync(parameters: "kill_grace = 1s");
        var job = await bed.ClaimAsync();
        var marker = Marker();
        using var bystander = Process.Start("sleep", $"{marker}3")!;
        try
        {
            var result = await ToolProcess.RunAsync(bed.ExecArgs(job.Id, ["/bin/true"]));
            Assert.Equal(0, result.ExitCode);
            Assert.False(bystander.HasExited, "a process of the caller's session was stopped");
        }
        finally
        {
            bystander.Kill();
        }
    }

    [Fact]
    public async Task With_the_database_down_job_exec_gives_up_within_job_start_timeout_and_runs_nothing()
    {
        var port = FreePort.Next();
        using var bed = await JobTestBed.CreateAsync();
        var job = await bed.ClaimAsync();
        // Same job, but a config whose database does not answer (nothing listens on that loopback port).
        var downConfig = Path.Combine(bed.Root, "down.cfg");
        var text = (await File.ReadAllTextAsync(bed.ConfigPath))
            .Replace("[PARAMETERS]\n", "[PARAMETERS]\njob_start_timeout = 3s\n")
            .Split('\n').Select(l => l.StartsWith("database =", StringComparison.Ordinal)
                ? $"database = postgresql://nobody:secret@127.0.0.1:{port}/nothing" : l);
        await File.WriteAllTextAsync(downConfig, string.Join('\n', text));
        var ran = Path.Combine(bed.Root, "command-ran");

        var watch = Stopwatch.StartNew();
        var args = bed.ExecArgs(job.Id, ["/bin/sh", "-c", $"touch '{ran}'"]).ToList();
        args[args.IndexOf(bed.ConfigPath)] = downConfig;
        var result = await ToolProcess.RunAsync(args, environment: new Dictionary<string, string?> { ["SATDAEMON_REPORT_RETRY_SECONDS"] = null });
        var seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine($"exit {result.ExitCode} after {seconds:0.0} s\nstdout: {result.Stdout}\nstderr: {result.Stderr}");

        Assert.Equal(4, result.ExitCode); // documented in `job exec --help`
        Assert.False(File.Exists(ran), "the command ran although its start was never recorded");
        Assert.True(seconds < 60, $"took {seconds:0} s; job_start_timeout is 3 s");
        var errorLines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("cannot record the start", StringComparison.Ordinal)).ToList();
        Assert.Single(errorLines);
        // The line states the time it really tried, which the test's own clock bounds from above.
        var stated = System.Text.RegularExpressions.Regex.Match(errorLines[0], @"trying for ([\d.]+) s; limit job_start_timeout = 3s\)");
        Assert.True(stated.Success, errorLines[0]);
        Assert.InRange(double.Parse(stated.Groups[1].Value, CultureInfo.InvariantCulture), 0.1, seconds);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
        Assert.DoesNotContain("secret", result.Stderr + result.Stdout);
    }

    private static string Marker() => "4" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + ".";

    internal static Process StartAsSessionLeader(IEnumerable<string> toolArgs)
    {
        // setsid, as the daemon's launch line does: job exec leads a session of its own.
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        psi.ArgumentList.Add(ToolProcess.DotnetHost);
        psi.ArgumentList.Add(ToolProcess.ToolsDll);
        foreach (var a in toolArgs) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SATDAEMON_JOB_ID");
        psi.Environment.Remove("SATDAEMON_CONFIG");
        var p = Process.Start(psi)!;
        p.StandardInput.Close();
        return p;
    }


}
