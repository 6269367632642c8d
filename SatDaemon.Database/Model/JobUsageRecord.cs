namespace SatDaemon.Database.Model;

/// <summary>
/// job_usage: what one ended run of a job really took (measured by job exec), with the budget it was given. One row
/// per run whose use was measured, success or not; written by JobStore with the job's end, in the same transaction.
/// satdaemon-tools jobs usage reads it to compare each job type's need with its [JOB:type] budget.
/// </summary>
public class JobUsageRecord
{
    public long Id { get; set; }
    public long JobId { get; set; }
    public required string FrameId { get; set; }
    public required string JobType { get; set; }
    public required string StageName { get; set; }
    public required string Machine { get; set; }
    public DateTime EndedAt { get; set; }
    public bool Success { get; set; }
    public double WallS { get; set; }
    public double CpuS { get; set; }
    /// <summary>cpu_s / wall_s: the cores used on average.</summary>
    public double MeanCores { get; set; }
    /// <summary>Peak resident memory of the job's whole session, MB.</summary>
    public double PeakRssMb { get; set; }
    public double ReadMb { get; set; }
    public double WriteMb { get; set; }
    /// <summary>The budget the run held: cores, memory in GB, disk-I/O units (running_jobs' cpus, memory, disk).</summary>
    public int BudgetCpus { get; set; }
    public double BudgetMemory { get; set; }
    public int BudgetDisk { get; set; }
    /// <summary>The software version the run ran with; null when none was configured.</summary>
    public string? SoftwareVersion { get; set; }
}
