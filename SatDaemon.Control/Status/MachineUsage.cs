namespace SatDaemon.Control;

/// <summary>
/// Resources held by running jobs on one machine against its configured budget.
/// Budgets are null for a machine that running_jobs names but the config no longer lists.
/// </summary>
public sealed record MachineUsage(
    string Machine,
    int RunningJobs,
    int Cpus,
    int? CpusBudget,
    double Memory,
    double? MemoryBudget,
    int Disk,
    int? DiskBudget)
{
    public bool InConfig => CpusBudget is not null;
}
