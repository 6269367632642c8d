using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SatDaemon.Configuration;
using SatDaemon.Database;

namespace SatDaemon.Bench;

/// <summary>
/// Issue 32's wrapper start: the native job exec (`satdaemon-job-exec`, NativeAOT) run N times, one after another, on
/// real claimed jobs of the bench database. Each command's first act is `date +%s.%N` into a file; the figure is that
/// timestamp minus the bench's clock read just before the process was started (the exec), so it holds job exec's own
/// start, its start record on PostgreSQL and the shell's start. While the command waits, the wrapper's resident memory
/// (VmRSS) is read from /proc; then the command is released and job exec records the end itself.
/// </summary>
internal sealed partial class WrapperStartBench(SatDbFactory factory, SatDaemonConfig config, string configPath, string dir)
{
    public sealed record Result(int Runs, double MedianMs, double P90Ms, double StartRecordMedianMs, double RssMedianMb, double RssMaxMb,
        int Failed, string JobExec);

    // job exec's own line once its start is recorded: "satdaemon-job-exec: job 12 started (pid 345, 38 ms)".
    [GeneratedRegex(@"job \d+ started \(pid \d+, (\d+) ms\)", RegexOptions.CultureInvariant)]
    private static partial Regex StartedLine();

    /// <summary>The published native job exec: --native-job-exec, else $SATDAEMON_TEST_JOB_EXEC (what test.sh publishes).</summary>
    public static string? Find(string? option) =>
        option ?? (Environment.GetEnvironmentVariable("SATDAEMON_TEST_JOB_EXEC") is { Length: > 0 } env && File.Exists(env) ? env : null);

    public async Task<Result> RunAsync(string jobExec, int runs, CancellationToken ct)
    {
        var work = Directory.CreateDirectory(Path.Combine(dir, "wrapper-start")).FullName;
        var ids = await ReportersBench.ClaimAsync(factory, config, "wrapper-start", work, runs, ct);
        var startMs = new List<double>();
        var rssMb = new List<double>();
        var recordMs = new List<double>();
        var failed = 0;
        foreach (var id in ids)
        {
            var stamp = Path.Combine(work, $"{id}.started");
            var release = Path.Combine(work, $"{id}.release");
            // Written to a temporary name and renamed, so the bench never reads half a timestamp.
            var script = $"date +%s.%N > '{stamp}.tmp' && mv '{stamp}.tmp' '{stamp}'; while [ ! -e '{release}' ]; do sleep 0.02; done";
            var psi = new ProcessStartInfo(jobExec) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "job", "exec", "--job-id", id.ToString(CultureInfo.InvariantCulture), "-d", configPath,
                         "--log", Path.Combine(work, $"{id}.log"), "--", "/bin/sh", "-c", script })
                psi.ArgumentList.Add(a);
            var before = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
            using var p = Process.Start(psi)!;
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null && StartedLine().Match(e.Data) is { Success: true } m)
                    lock (recordMs) recordMs.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            };
            p.OutputDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            try
            {
                var waited = Stopwatch.StartNew();
                while (!File.Exists(stamp) && !p.HasExited && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(5, ct);
                if (!File.Exists(stamp)) { failed++; continue; }
                var status = await File.ReadAllLinesAsync($"/proc/{p.Id}/status", ct);
                rssMb.Add(long.Parse(status.Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0);
                var commandStart = double.Parse((await File.ReadAllTextAsync(stamp, ct)).Trim(), CultureInfo.InvariantCulture);
                startMs.Add((commandStart - before) * 1000);
                await File.WriteAllTextAsync(release, "", ct);
                await p.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
                if (p.ExitCode != 0) failed++;
            }
            finally
            {
                // Only the process this bench started, by its own handle.
                if (!p.HasExited) p.Kill(entireProcessTree: true);
            }
        }
        List<double> records;
        lock (recordMs) records = [.. recordMs];
        return new Result(startMs.Count, Stats.Median(startMs), Stats.Quantile(startMs, 0.9), Stats.Median(records),
            rssMb.Count == 0 ? double.NaN : Stats.Median(rssMb), rssMb.Count == 0 ? double.NaN : rssMb.Max(), failed, jobExec);
    }
}
