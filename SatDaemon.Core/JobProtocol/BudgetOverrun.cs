using System.Globalization;

namespace SatDaemon.JobProtocol;

/// <summary>
/// Whether a run took more than its budget: peak memory above memory (GB) or mean cores above cpus, each by more than
/// a margin in percent (over_budget_margin). A job over budget is how a machine gets overloaded: the planner placed
/// it by its budget.
/// </summary>
public static class BudgetOverrun
{
    /// <summary>The overrun in words ("memory 3.1 GB > 2 GB + 25 %; cores 1.9 > 1 + 25 %"), or null within budget.</summary>
    public static string? Check(JobUsage usage, int cpus, double memoryGb, int marginPercent)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var factor = 1 + marginPercent / 100.0;
        var peakGb = usage.PeakRssMb / 1024;
        var parts = new List<string>(2);
        if (memoryGb > 0 && peakGb > memoryGb * factor)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"memory {peakGb:0.##} GB > {memoryGb:0.##} GB + {marginPercent} %"));
        if (cpus > 0 && usage.MeanCores > cpus * factor)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"cores {usage.MeanCores:0.##} > {cpus} + {marginPercent} %"));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
