using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SatDaemon.Tests.Daemon;

/// <summary>The single-node Slurm cluster tests/services/start.sh runs on 127.0.0.1, read through its own client commands.</summary>
public static partial class SlurmCluster
{
    public static string? Conf => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SLURM_CONF");
    public static string Partition => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SLURM_PARTITION") ?? "satdaemon";
    /// <summary>The login node's sshd: sbatch, squeue and scancel run there as the ssh test user, as on a cluster.</summary>
    public static int LoginPort => int.Parse(Environment.GetEnvironmentVariable("SATDAEMON_TEST_SLURM_LOGIN_PORT") ?? "56819", CultureInfo.InvariantCulture);
    public static string? CtldStart => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SLURMCTLD_START");
    public static string? CtldPidFile => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SLURMCTLD_PIDFILE");

    /// <summary>
    /// Markers for the cluster's Epilog: a file named after a job-name prefix, holding seconds, makes the Epilog of the
    /// jobs so named sleep that long (they stay COMPLETING); other jobs' Epilog ends at once (tests/services/start.sh).
    /// </summary>
    public static string EpilogSleepDir => Path.Combine(Path.GetDirectoryName(Conf!)!, "epilog-sleep");

    public static bool Available => Conf is not null && File.Exists(Conf) && File.Exists("/usr/bin/sbatch");

    /// <summary>A Slurm job as squeue shows it: id, name, state, cpus, memory (MB, per node) and licenses.</summary>
    public sealed record Job(long Id, string Name, string State, int Cpus, string Memory, string Licenses);

    /// <summary>Every job of the partition Slurm knows (ended ones for MinJobAge too), straight from squeue.</summary>
    public static List<Job> Jobs()
    {
        var text = Run("squeue", "--noheader", "--states=all", "--partition=" + Partition, "--format=%i|%j|%T|%C|%m|%W");
        var jobs = new List<Job>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Trim().Split('|');
            if (f.Length < 6 || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            jobs.Add(new Job(id, f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture), f[4], f[5]));
        }
        return jobs;
    }

    /// <summary>The jobs whose name says they belong to SatDaemon job ids of this installation, by job id.</summary>
    public static ILookup<long, Job> OfInstance(string instance) =>
        Jobs().Where(j => j.Name.StartsWith($"sd_{instance}_", StringComparison.Ordinal))
            .ToLookup(j => long.Parse(j.Name.Split('_')[2], CultureInfo.InvariantCulture));

    /// <summary>
    /// Stops slurmctld with SIGTERM, as `systemctl stop` does, so it saves its state; waits until its process is gone.
    /// (SIGKILL would lose the last seconds of state: the restarted controller would hand out job ids again that a
    /// node still knows, and drain the node for a "duplicate jobid".)
    /// </summary>
    public static async Task StopControllerAsync()
    {
        var pid = int.Parse(File.ReadAllText(CtldPidFile!).Trim(), CultureInfo.InvariantCulture);
        using var p = Process.GetProcessById(pid);
        Run("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(cts.Token);
    }

    /// <summary>
    /// This installation's jobs once none is COMPLETING: job exec records a job's end before Slurm has finished with it,
    /// and its final state (COMPLETED, TIMEOUT…) follows within KillWait.
    /// </summary>
    public static async Task<List<Job>> SettledJobsAsync(string instance)
    {
        var jobs = OfInstance(instance).SelectMany(g => g).ToList();
        for (var i = 0; i < 300 && jobs.Any(j => j.State == "COMPLETING"); i++)
        {
            await Task.Delay(200);
            jobs = OfInstance(instance).SelectMany(g => g).ToList();
        }
        return jobs;
    }

    public static bool ControllerAnswers()
    {
        try
        {
            Run("squeue", "--noheader", "--partition=" + Partition);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static bool ControllerRunning()
    {
        try
        {
            var pid = int.Parse(File.ReadAllText(CtldPidFile!).Trim(), CultureInfo.InvariantCulture);
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && File.ReadAllText($"/proc/{pid}/cmdline").Contains("slurmctld", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public static string? Node => Environment.GetEnvironmentVariable("SATDAEMON_TEST_SLURM_NODE");

    /// <summary>Puts the test node back in service if a test left it drained or down, so the next test starts clean.</summary>
    public static void ResumeNodeIfNotUp()
    {
        // Only a drained or down node is resumed: one that is not responding yet (idle*) after a controller restart comes
        // back by itself (ReturnToService=2), and scontrol refuses to resume it.
        var state = Run("sinfo", "--noheader", "--nodes=" + Node, "--format=%t").Trim();
        if (state.StartsWith("drain", StringComparison.Ordinal) || state.StartsWith("down", StringComparison.Ordinal))
            Run("scontrol", "update", "nodename=" + Node, "state=resume");
    }

    /// <summary>Starts slurmctld again with the services' command line (it recovers its state from StateSaveLocation).</summary>
    public static void StartController()
    {
        var words = CtldStart!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Run(words[0], words[1..]);
    }

    /// <summary>slurmctld's own log (info level): when it started each job on the node and when the job ended.</summary>
    public static partial class ControllerLog
    {
        private static string Path => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Conf!)!, "log", "slurmctld.log");

        // "[2026-12-07T19:33:11.933] sched: Allocate JobId=143 NodeList=…", "… sched/backfill: _start_job: Started JobId=143 in …"
        [GeneratedRegex(@"^\[(?<t>[0-9T:.-]+)\] (?:sched: Allocate JobId=(?<start>\d+) |sched/backfill: _start_job: Started JobId=(?<start>\d+) |_job_complete: JobId=(?<end>\d+) done)")]
        private static partial Regex Event();

        /// <summary>Each of <paramref name="jobIds"/> the log shows both started and ended: from its allocation to its end.</summary>
        public static Dictionary<long, (DateTime Start, DateTime End)> Allocations(IReadOnlySet<long> jobIds)
        {
            var starts = new Dictionary<long, DateTime>();
            var spans = new Dictionary<long, (DateTime, DateTime)>();
            foreach (var line in File.ReadLines(Path))
            {
                var m = Event().Match(line);
                if (!m.Success) continue;
                var t = DateTime.ParseExact(m.Groups["t"].Value, "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
                var id = long.Parse(m.Groups["start"].Success ? m.Groups["start"].Value : m.Groups["end"].Value, CultureInfo.InvariantCulture);
                if (!jobIds.Contains(id)) continue;
                if (m.Groups["start"].Success) starts[id] = t;
                else if (starts.TryGetValue(id, out var start)) spans[id] = (start, t);
            }
            return spans;
        }

        /// <summary>The most cpus the spans held at one instant (a job ending frees its cpus before one starting at the same instant takes them).</summary>
        public static int PeakCpus(Dictionary<long, (DateTime Start, DateTime End)> spans, IReadOnlyDictionary<long, int> cpus)
        {
            var events = spans.SelectMany(s => new[] { (At: s.Value.Start, Cpus: cpus[s.Key]), (At: s.Value.End, Cpus: -cpus[s.Key]) })
                .OrderBy(e => e.At).ThenBy(e => e.Cpus);
            int held = 0, peak = 0;
            foreach (var e in events) peak = Math.Max(peak, held += e.Cpus);
            return peak;
        }
    }

    public static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
