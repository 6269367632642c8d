namespace SatDaemon.Database.Model;

/// <summary>
/// trend_samples: what the database keeps no history of, sampled once a minute by the daemon (TrendSampleWriter, its
/// one writer) for the console's charts. A row with <see cref="Machine"/> null is the cluster's: running and pending
/// jobs and pending jobs by wait reason; a row per configured machine holds what its running jobs hold against its
/// budget. Rows older than <see cref="Trends.TrendSampleWriter.Retention"/> are deleted by the writer.
/// </summary>
public class TrendSample
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The [PROC_MACHINES:name]; null for the cluster row.</summary>
    public string? Machine { get; set; }
    public int Running { get; set; }
    /// <summary>Pending jobs (cluster row only; 0 on machine rows).</summary>
    public int Pending { get; set; }
    /// <summary>Pending jobs by their first wait reason, "memory=9;cpus=3" (cluster row only).</summary>
    public string? Reasons { get; set; }
    public int Cpus { get; set; }
    public double Memory { get; set; }
    public int Disk { get; set; }
    public int CpusBudget { get; set; }
    public double MemoryBudget { get; set; }
    public int DiskBudget { get; set; }
}
