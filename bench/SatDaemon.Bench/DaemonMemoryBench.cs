using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Configuration;
using SatDaemon.Control;
using SatDaemon.Database;

namespace SatDaemon.Bench;

/// <summary>
/// The daemon's own memory at scale: the real `satdaemon run` process on the bench database, every machine drained (it
/// plans the whole queue every pass and launches nothing), for a first full rebuild and a few passes. Peak (VmHWM) and
/// current (VmRSS) resident memory are read from /proc, the kernel's figures for the process, not the runtime's.
/// </summary>
public static class DaemonMemoryBench
{
    public sealed record Result(double PeakMb, double RssMb, int Passes, double FirstPassSeconds);

    public static async Task<(Result? Result, string? Why)> RunAsync(SatDbFactory factory, SatDaemonConfig config, string cfgPath,
        CancellationToken ct)
    {
        if (!File.Exists("/proc/self/status")) return (null, "no /proc");
        var ctl = new SatDaemonController(factory);
        foreach (var m in config.Machines) await ctl.DrainMachineAsync(m.Name, config.Machines, "bench", ct);
        // A pass every 5 s instead of the bench config's 30, so a few passes take seconds.
        var daemonCfg = Path.Combine(Path.GetDirectoryName(cfgPath)!, "satdaemon-memory.cfg");
        await File.WriteAllTextAsync(daemonCfg, (await File.ReadAllTextAsync(cfgPath, ct)).Replace("poll_interval = 30", "poll_interval = 5"), ct);
        var since = DateTime.UtcNow;

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(BenchBinaries.Daemon);
        foreach (var a in new[] { "run", "-d", daemonCfg, "--log-level", "warning" }) psi.ArgumentList.Add(a);
        psi.Environment["SATDAEMON_CONFIG"] = null;
        using var daemon = Process.Start(psi) ?? throw new InvalidOperationException("could not start satdaemon");
        var output = new List<string>();
        daemon.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        daemon.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        var started = Stopwatch.StartNew();
        try
        {
            // The first pass is the heaviest: the whole job list built, every pending job read and planned. Passes are
            // counted by the heartbeat the daemon writes after each one.
            DateTime? firstBeat = null;
            var beats = new HashSet<DateTime>();
            var firstPass = 0.0;
            while (started.Elapsed < TimeSpan.FromMinutes(3) && beats.Count < 4)
            {
                if (daemon.HasExited) return (null, "the daemon exited: " + string.Join(" | ", output.TakeLast(3)));
                await using (var db = factory.Create())
                {
                    var row = await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1)
                        .Select(d => new { d.LastJoblistAt, d.Heartbeat }).SingleAsync(ct);
                    if (row.LastJoblistAt >= since && row.Heartbeat is { } beat && beat >= since)
                    {
                        if (firstBeat is null) { firstBeat = beat; firstPass = started.Elapsed.TotalSeconds; }
                        beats.Add(beat);
                    }
                }
                await Task.Delay(500, ct);
            }
            if (firstBeat is null) return (null, "no pass within 3 minutes: " + string.Join(" | ", output.TakeLast(3)));
            var status = await File.ReadAllLinesAsync($"/proc/{daemon.Id}/status", ct);
            double Mb(string key) => long.Parse(status.Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            return (new Result(Mb("VmHWM"), Mb("VmRSS"), beats.Count, firstPass), null);
        }
        finally
        {
            if (!daemon.HasExited)
            {
                // SIGTERM, as systemd stops it; it exits after its pass.
                Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
                if (!daemon.WaitForExit(TimeSpan.FromSeconds(30))) daemon.Kill(entireProcessTree: true);
            }
        }
    }
}
