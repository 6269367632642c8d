namespace SatDaemon.Configuration;

/// <summary>How the daemon reaches a processing machine.</summary>
public enum Transport
{
    /// <summary>SSH with key authentication and known_hosts checking.</summary>
    Ssh,
    /// <summary>Processes on the daemon's own host (single-host installs and the demo).</summary>
    Local,
    /// <summary>
    /// A Slurm partition as one machine: SatDaemon keeps the order (priorities, stages, budgets), Slurm places and runs
    /// each job (sbatch from the daemon's host or from a login node over SSH).
    /// </summary>
    Slurm,
}
