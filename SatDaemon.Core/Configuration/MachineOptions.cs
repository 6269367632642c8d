namespace SatDaemon.Configuration;

/// <summary>One [PROC_MACHINES:name] section.</summary>
public sealed class MachineOptions
{
    public required string Name { get; init; }
    public required string Host { get; init; }
    public int Port { get; init; } = 22;
    public string User { get; init; } = Environment.UserName;
    public string KeyFile { get; init; } = "~/.ssh/id_ed25519";
    public string KnownHosts { get; init; } = "~/.ssh/known_hosts";
    public Transport Transport { get; init; } = Transport.Ssh;
    /// <summary>Cores the daemon may fill.</summary>
    public required int Cpus { get; init; }
    /// <summary>Memory in GB the daemon may fill.</summary>
    public required double Memory { get; init; }
    /// <summary>Disk-I/O units out of 100. Default 100.</summary>
    public int Disk { get; init; } = 100;

    // transport = slurm only.
    /// <summary>The Slurm partition jobs are submitted to (sbatch --partition).</summary>
    public string? Partition { get; init; }
    /// <summary>Optional sbatch --account.</summary>
    public string? Account { get; init; }
    /// <summary>Optional sbatch --qos.</summary>
    public string? Qos { get; init; }
    /// <summary>A login node that runs sbatch/squeue/scancel, reached over SSH with this section's keys; null = this host.</summary>
    public string? SubmitHost { get; init; }
    /// <summary>
    /// Optional Slurm license name for the disk-I/O budget: each job asks <c>--licenses=NAME:disk</c>, so Slurm also
    /// enforces it against other users of the cluster. SatDaemon keeps the budget itself either way.
    /// </summary>
    public string? DiskLicense { get; init; }

    /// <summary>What this machine offers to job types that require or prefer features (free words, e.g. internet, bigmem).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>
    /// transport = slurm only: pass a job type's <c>requires</c> to sbatch as <c>--constraint</c>, so that Slurm picks the
    /// partition's nodes by its own node features. The section's <see cref="Features"/> then say what some nodes offer.
    /// </summary>
    public bool SlurmConstraints { get; init; }
}
