using System.Diagnostics;
using SatDaemon.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SatDaemon.Tests.Faults;

/// <summary>The fault tests' own ledger: its parser, and the ledger job script run for real under dash and bash.</summary>
public sealed class LedgerFacts(ITestOutputHelper output)
{
    private static Ledger Parse(long now, params string[] lines) => Ledger.Parse(lines, now);

    [Fact]
    public void Runs_pair_by_target_and_pid_and_sequential_runs_do_not_overlap()
    {
        var l = Parse(100,
            "start a 1 10 1", "start b 2 11 2", "end a 1 10 5", "stop b 2 11 6", "start b 3 12 7", "end b 3 12 9 exit=3");
        output.WriteLine(l.ToString());
        Assert.Equal(3, l.Runs.Count);
        Assert.Equal(2, l.Finished);
        Assert.Equal(1, l.Stopped);
        Assert.Empty(l.Unended);
        Assert.Empty(l.Overlaps());
        Assert.Empty(l.Malformed);
        Assert.Equal("exit=3", l.ByTarget["b"][1].Note);
        Assert.Empty(l.Problems(["a", "b"], stopsAllowed: true));
        Assert.Equal(["stopped by a signal: b job 2 pid 11"], l.Problems(["a", "b"]).Select(p => p[..p.IndexOf(" [", StringComparison.Ordinal)]));
    }

    [Fact]
    public void An_unended_run_counts_as_running_until_now_and_overlaps_its_retry()
    {
        var l = Parse(100, "start a 1 10 1", "start a 2 20 50", "end a 2 20 60");
        output.WriteLine(l.ToString());
        Assert.Single(l.Unended);
        Assert.Single(l.Overlaps());
        var problems = l.Problems(["a"], stopsAllowed: true);
        Assert.Contains(problems, p => p.StartsWith("started, never ended: a job 1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("overlap: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Doubled_lost_unexpected_and_malformed_runs_are_each_named()
    {
        var l = Parse(100, "start a 1 10 1", "end a 1 10 2", "start a 2 10 3", "end a 2 10 4", "start c 3 30 5", "end c 3 30 6",
            "end d 4 40 7", "garbage");
        output.WriteLine(l.ToString());
        var problems = l.Problems(["a", "b"]);
        output.WriteLine(string.Join('\n', problems));
        Assert.Equal(["a"], l.Doubled());
        Assert.Contains("a: finished 2 times in 2 runs", problems);
        Assert.Contains("b: never ran", problems);
        Assert.Contains("c: ran, but is not a target of this test", problems);
        Assert.Equal(2, l.Malformed.Count);
        Assert.Empty(l.Overlaps()); // same pid, one after the other: two runs, not an overlap
    }

    /// <summary>
    /// The script itself, run as a job command would be (no job exec; SATDAEMON_JOB_ID set by hand) under dash and
    /// bash: it writes start/end, leaves grandchildren that ignore SIGTERM in STUBBORN mode, writes "stop" on SIGTERM,
    /// and every process it starts carries the marker.
    /// </summary>
    [Theory]
    [InlineData("/bin/dash")]
    [InlineData("/bin/bash")]
    public async Task The_script_writes_its_ledger_and_its_stubborn_grandchildren_outlive_SIGTERM_until_SIGKILL(string shell)
    {
        var job = LedgerJob.Create(progress: false);
        try
        {
            var outFile = Path.Combine(job.Dir, "out", "x.done");
            var ok = Run(shell, job, "t_ok", "0.1", "plain", outFile);
            await ok.WaitForExitAsync();
            var stubborn = Run(shell, job, "t_stub", "30", "STUBBORN");
            await WaitFor.ConditionAsync(() => ProcessCensus.Take(job.Marker).Count(p => p.Args.Contains(".t_stub.", StringComparison.Ordinal)) >= 3,
                TimeSpan.FromSeconds(10), "the stubborn run's sleeps");
            var before = ProcessCensus.Take(job.Marker);
            // SIGTERM to every process of the run, as a job stop does (the run is its own process group here).
            foreach (var p in before) Kill(p.Pid, "TERM");
            await stubborn.WaitForExitAsync();
            await Task.Delay(500);
            var afterTerm = ProcessCensus.Take(job.Marker);
            foreach (var p in afterTerm) Kill(p.Pid, "KILL");
            await WaitFor.ConditionAsync(() => ProcessCensus.Take(job.Marker).Count == 0, TimeSpan.FromSeconds(10), "no process after SIGKILL");
            var ledger = job.Read();

            output.WriteLine($"{shell}: census before TERM {before.Count}, after TERM {afterTerm.Count}, exit {stubborn.ExitCode}\n{string.Join('\n', before)}\n{ledger}");
            Assert.Equal(0, ok.ExitCode);
            Assert.True(File.Exists(outFile));
            Assert.Empty(ledger.Malformed);
            Assert.Empty(ledger.Unended);
            Assert.Empty(ledger.Overlaps());
            Assert.True(ledger.ByTarget["t_ok"].Single().Finished);
            Assert.True(ledger.ByTarget["t_stub"].Single().Stopped);
            Assert.Equal(143, stubborn.ExitCode);
            Assert.True(afterTerm.Count >= 2, "the grandchildren that ignore SIGTERM must survive it");
            Assert.All(afterTerm, p => Assert.Contains(job.Marker, p.Args));
        }
        finally
        {
            job.Cleanup();
        }
    }

    private static Process Run(string shell, LedgerJob job, string target, string secs, string mode, string? outFile = null)
    {
        var psi = new ProcessStartInfo(shell) { UseShellExecute = false };
        foreach (var a in new[] { job.Script, target, secs, mode, outFile ?? "" }) psi.ArgumentList.Add(a);
        psi.Environment["SATDAEMON_JOB_ID"] = "7";
        return Process.Start(psi)!;
    }

    private static void Kill(int pid, string signal)
    {
        using var k = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false, RedirectStandardError = true })!;
        k.WaitForExit();
    }
}
