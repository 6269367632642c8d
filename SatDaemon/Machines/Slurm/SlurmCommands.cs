using System.Globalization;
using SatDaemon.Configuration;
using SatDaemon.JobProtocol;

namespace SatDaemon.Machines.Slurm;

/// <summary>
/// The command lines the daemon runs on a Slurm submit host (this host or a login node). Pure, so they can be tested
/// word by word; every variable part is single-quoted (<see cref="ShellQuote"/>).
/// </summary>
public static class SlurmCommands
{
    /// <summary>What one job asks of Slurm: its share of the budget and its time limit.</summary>
    public sealed record JobRequest(string Name, int Cpus, double MemoryGb, int Disk, TimeSpan? TimeLimit, string LogPath, string WorkingDirectory)
    {
        /// <summary>The job type's required features: sbatch --constraint when the machine has slurm_constraints = true.</summary>
        public IReadOnlyList<string> Requires { get; init; } = [];
    }

    /// <summary>
    /// Submits job exec as a batch job and prints the Slurm job id (sbatch --parsable). The log is made first, as for
    /// an SSH launch, so a log folder that cannot be made is a launch failure, not a job that never reports; Slurm
    /// appends its own messages (time limit, cancellation) to the same log.
    /// </summary>
    public static string Submit(MachineOptions machine, JobRequest job, string toolsPath, string configPath, string instance, long jobId,
        IReadOnlyList<string> argv)
    {
        if (!InstanceIdentity.IsValid(instance)) throw new ArgumentException($"not an installation identity: '{instance}'", nameof(instance));
        var q = ShellQuote.Quote;
        var logDir = Path.GetDirectoryName(job.LogPath) ?? "/tmp";
        var tools = toolsPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet " + q(toolsPath) : q(toolsPath);
        var jobExec = $"exec {tools} job exec --instance {instance} --job-id {jobId.ToString(CultureInfo.InvariantCulture)} -d {q(configPath)} "
                      + $"--log {q(job.LogPath)} -- {ShellQuote.Join(argv)}";
        var words = new List<string>
        {
            "sbatch", "--parsable",
            "--job-name=" + q(job.Name),
            "--partition=" + q(machine.Partition!),
            "--nodes=1", "--ntasks=1",
            "--cpus-per-task=" + job.Cpus.ToString(CultureInfo.InvariantCulture),
            // Slurm counts memory in whole megabytes; a job never gets less than its budget.
            "--mem=" + Math.Max(1, (long)Math.Ceiling(job.MemoryGb * 1024)).ToString(CultureInfo.InvariantCulture) + "M",
            "--output=" + q(job.LogPath), "--open-mode=append",
            "--chdir=" + q(job.WorkingDirectory),
            // Slurm must not run it again by itself: a rerun is SatDaemon's decision (retries, backoff), never twice at once.
            "--no-requeue",
        };
        if (machine.Account is { } account) words.Add("--account=" + q(account));
        if (machine.Qos is { } qos) words.Add("--qos=" + q(qos));
        if (machine.DiskLicense is { } license && job.Disk > 0)
            words.Add("--licenses=" + q($"{license}:{job.Disk.ToString(CultureInfo.InvariantCulture)}"));
        if (job.TimeLimit is { } limit) words.Add("--time=" + TimeLimit(limit));
        // Slurm's "all of these" is '&'; the words are checked at config load (letters, digits, _ . -), quoted all the same.
        if (machine.SlurmConstraints && job.Requires.Count > 0)
            words.Add("--constraint=" + q(string.Join('&', job.Requires)));
        words.Add("--wrap=" + q(jobExec));
        return $"mkdir -p {q(logDir)} || exit 97; (umask {JobFileMode.ShellUmask} && : >> {q(job.LogPath)}) || exit 98; "
               + string.Join(' ', words);
    }

    /// <summary>
    /// Every job of the partition Slurm still knows, ended ones included (kept for MinJobAge): id, name, state, reason.
    /// One line per job, fields separated by '|', which a job name made by <see cref="SlurmJobName"/> never holds.
    /// </summary>
    public static string Queue(MachineOptions machine) =>
        $"squeue --noheader --states=all --partition={ShellQuote.Quote(machine.Partition!)} --format='%i|%j|%T|%r'";

    /// <summary>Cancels a job (Slurm sends SIGTERM to all its processes, SIGKILL after KillWait); a pending one simply goes.</summary>
    public static string Cancel(long slurmJobId) => $"scancel {slurmJobId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Whether a Slurm client's error says the controller did not answer: null when it says something else (a bad
    /// partition, a request too large), else whether the request may still have reached it (a timeout, not a refusal).
    /// </summary>
    public static bool? ControllerDown(string stderr)
    {
        if (stderr.Contains("timed out", StringComparison.OrdinalIgnoreCase)
            || stderr.Contains("Zero Bytes were transmitted", StringComparison.OrdinalIgnoreCase)) return true;
        if (stderr.Contains("Unable to contact slurm controller", StringComparison.OrdinalIgnoreCase)
            || stderr.Contains("Connection refused", StringComparison.OrdinalIgnoreCase)) return false;
        return null;
    }

    /// <summary>sbatch --time in minutes (whole, rounded up, at least one), the form every Slurm version accepts.</summary>
    public static string TimeLimit(TimeSpan limit) =>
        Math.Max(1, (long)Math.Ceiling(limit.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
