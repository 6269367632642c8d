using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Configuration;
using SatDaemon.Database;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;

namespace SatDaemon.Bench;

/// <summary>
/// Issue 18's "300 jobs reporting at once" with REAL job exec processes (opt-in: --job-exec N). N pending jobs are claimed
/// as the daemon would, then N `satdaemon-tools job exec` processes run them; each command is `cat FIFO`, so every
/// command ends at the same instant (when the bench opens and closes the FIFO's write end) and every job exec reports
/// its end at once. The report times are the job processes' own (JobLogger's "recorded as finished in X ms" line on
/// their stderr); the server's connections are pg_stat_activity on the bench database, sampled every 10 ms.
/// </summary>
internal sealed partial class ReportersBench(SatDbFactory factory, SatDaemonConfig config, string configPath, string dir, ResultTable table)
{
    // What one waiting job exec takes (135 MB resident measured on the test host, framework-dependent build): the count
    // is capped to what half the host's free memory holds.
    private const long BytesPerProcess = 150L << 20;
    private const int StartBatch = 8;

    [GeneratedRegex(@"job (\d+) recorded as finished in ([0-9.]+) ms", RegexOptions.CultureInvariant)]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"job (\d+) running with pid \d+ \(start recorded in ([0-9.]+) ms\)", RegexOptions.CultureInvariant)]
    private static partial Regex StartedLine();

    public sealed record Result(int Asked, int Ran, int Reported, double MedianMs, double P99Ms, int PeakConnections, double StartP99Ms, string Note);

    public async Task<Result?> RunAsync(int asked, CancellationToken ct)
    {
        if (Tools() is not { } tools) return null;
        var fits = (int)Math.Min(asked, AvailableBytes() / BytesPerProcess);
        var count = Math.Max(1, fits);
        var ids = await ClaimAsync(factory, config, "reporters", Path.Combine(dir, "reporter-logs"), count, ct);
        var fifo = Path.Combine(dir, "reporters.fifo");
        using (var mk = Process.Start("mkfifo", [fifo])) await mk.WaitForExitAsync(ct);
        var logs = Directory.CreateDirectory(Path.Combine(dir, "reporter-logs")).FullName;
        var lines = new List<string>();
        var processes = new List<Process>();
        var started = Stopwatch.StartNew();
        try
        {
            // Started a few at a time, each batch once the previous one has recorded its starts: a few hundred .NET
            // start-ups at once on two cores starve the database of CPU until the starts time out (seen: load 170).
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
            foreach (var batch in ids.Chunk(StartBatch))
            {
                // Out of time: measure the ones that run rather than start the rest at once.
                if (DateTime.UtcNow >= deadline) break;
                foreach (var id in batch)
                {
                    var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                    foreach (var a in new[] { tools, "job", "exec", "--job-id", id.ToString(CultureInfo.InvariantCulture), "-d", configPath,
                                 "--log", Path.Combine(logs, $"{id}.log"), "--", "/bin/cat", fifo })
                        psi.ArgumentList.Add(a);
                    var p = Process.Start(psi)!;
                    p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
                    p.OutputDataReceived += (_, _) => { };
                    p.BeginErrorReadLine();
                    p.BeginOutputReadLine();
                    processes.Add(p);
                }
                // Every command waits on the FIFO once its job exec has recorded the start.
                while (DateTime.UtcNow < deadline && await StartedCountAsync(ids, ct) < processes.Count(p => !p.HasExited))
                    await Task.Delay(200, ct);
            }
            var startSeconds = started.Elapsed.TotalSeconds;
            var running = await StartedCountAsync(ids, ct);
            count = processes.Count;

            using var stop = new CancellationTokenSource();
            var peak = 0;
            var sampler = Task.Run(async () =>
            {
                var b = new NpgsqlConnectionStringBuilder(factory.Url.ConnectionString) { Pooling = false, ApplicationName = "bench-sampler" };
                await using var sc = new NpgsqlConnection(b.ConnectionString);
                await sc.OpenAsync(CancellationToken.None);
                await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", sc);
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, (int)(long)(await cmd.ExecuteScalarAsync(CancellationToken.None))!);
                    await Task.Delay(10, CancellationToken.None);
                }
            }, CancellationToken.None);
            await Task.Delay(100, ct);
            // Opening the write end releases every reader; closing it ends every `cat` at once.
            await Task.Run(() => { using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write); }, ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
            foreach (var p in processes) await p.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(5), ct);
            await Task.Delay(100, ct);
            await stop.CancelAsync();
            await sampler;

            List<string> all;
            lock (lines) all = [.. lines];
            var finished = Times(all, FinishedLine());
            var starts = Times(all, StartedLine());
            var note = (fits < asked ? $"{count} of the {asked} asked: free memory holds ~{fits} job exec processes of {BytesPerProcess >> 20} MB; " : "")
                + $"{running} commands waiting on the FIFO after {Fmt.F(startSeconds)} s of starting them; tools {tools}";
            var result = new Result(asked, running, finished.Count, finished.Count == 0 ? double.NaN : Stats.Median(finished),
                finished.Count == 0 ? double.NaN : Stats.Quantile(finished, 0.99), peak,
                starts.Count == 0 ? double.NaN : Stats.Quantile(starts, 0.99), note);
            table.Add($"{count} job exec processes reporting their end at once", $"{Fmt.Ms(result.MedianMs)} / {Fmt.Ms(result.P99Ms)}",
                $"median / p99 of {finished.Count} end reports (job exec's own timing); peak {peak} server connections (pg_stat_activity, every 10 ms); start reports p99 {Fmt.Ms(result.StartP99Ms)} (staggered); {note}");
            return result;
        }
        finally
        {
            foreach (var p in processes)
            {
                // Only the processes this bench started, by their own handle.
                try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.Dispose();
            }
            File.Delete(fifo);
        }
    }

    private static List<double> Times(List<string> lines, Regex line) =>
        lines.Select(l => line.Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();

    /// <summary>Up to <paramref name="count"/> pending jobs claimed onto <paramref name="machine"/> as the daemon would, each with its log in <paramref name="logDir"/>.</summary>
    internal static async Task<List<long>> ClaimAsync(SatDbFactory factory, SatDaemonConfig config, string machine, string logDir, int count,
        CancellationToken ct)
    {
        var store = new JobStore(factory);
        List<PendingJob> pending;
        await using (var db = factory.Create())
            pending = await db.PendingJobs.AsNoTracking().OrderBy(p => p.Id).Take(count * 3).ToListAsync(ct);
        var ids = new List<long>();
        foreach (var p in pending)
        {
            if (ids.Count == count) break;
            var t = config.JobType(p.JobType);
            if (await store.ClaimAsync(p, machine, t.Cpus, t.Memory, t.Disk, id => Path.Combine(logDir, $"{id}.log"), ct) is { } job)
                ids.Add(job.Id);
        }
        return ids;
    }

    private async Task<int> StartedCountAsync(List<long> ids, CancellationToken ct)
    {
        await using var db = factory.Create();
        return await db.RunningJobs.CountAsync(j => ids.Contains(j.Id) && j.LastReportAt != null, ct);
    }

    /// <summary>This worktree's satdaemon-tools build (the JobLogger timing lines are recent); null when not built.</summary>
    private static string? Tools()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "SatDaemon.Tools", "bin", "Release", "net10.0", "satdaemon-tools.dll");
        return File.Exists(dll) ? dll : null;
    }

    private static long AvailableBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            var kb = long.Parse(line!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            // Half of it: the host is shared (other test runs need memory too).
            return kb * 1024 / 2;
        }
        catch (Exception e) when (e is IOException or FormatException or NullReferenceException) { return 4L << 30; }
    }
}
