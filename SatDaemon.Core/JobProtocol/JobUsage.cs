using System.Text.Json.Serialization;

namespace SatDaemon.JobProtocol;

/// <summary>
/// What a job really took, measured by job exec from /proc over its whole session: wall time, CPU time (user + system
/// of every process), the peak resident memory of the session, and the bytes its processes read from and wrote to
/// storage. Carried with the job's end to the database and in the outcome spool file. Sizes in MB (2^20 bytes), as
/// the figures are compared with budgets in GB.
/// </summary>
public sealed record JobUsage(
    [property: JsonPropertyName("wallS")] double WallSeconds,
    [property: JsonPropertyName("cpuS")] double CpuSeconds,
    [property: JsonPropertyName("peakRssMb")] double PeakRssMb,
    [property: JsonPropertyName("readMb")] double ReadMb,
    [property: JsonPropertyName("writeMb")] double WriteMb)
{
    /// <summary>CPU seconds per wall second: the cores the job used on average. 0 for a job that took no time.</summary>
    [JsonIgnore]
    public double MeanCores => WallSeconds > 0 ? CpuSeconds / WallSeconds : 0;

    /// <summary>One line for logs and the job log: "wall 12.3 s, cpu 20.1 s (1.63 cores), peak 512 MB, read 0 MB, written 100 MB".</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"wall {WallSeconds:0.0} s, cpu {CpuSeconds:0.0} s ({MeanCores:0.00} cores), peak {PeakRssMb:0} MB, read {ReadMb:0} MB, written {WriteMb:0} MB");
}
