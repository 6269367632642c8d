namespace SatDaemon.Scheduling;

/// <summary>Scores a machine for a job: the fuller the machine after placement, the better.</summary>
/// <remarks>
/// Packing jobs tightly keeps other machines empty enough for big jobs (and idle machines idle),
/// which is why the fullest machine wins rather than the emptiest.
/// </remarks>
public static class BinPackScorer
{
    /// <summary>
    /// Mean over cpus, memory and disk of usedAfter / capacity, × 100 (0 = empty, 100 = full).
    /// A dimension with zero capacity scores 0 (it is not budgeted); ratios are clamped to 0..1.
    /// </summary>
    public static double Score(Resources capacity, Resources usedAfter)
    {
        double cpu = Ratio(usedAfter.Cpus, capacity.Cpus);
        double mem = Ratio(usedAfter.MemoryGb, capacity.MemoryGb);
        double disk = Ratio(usedAfter.Disk, capacity.Disk);
        return (cpu + mem + disk) / 3 * 100;
    }

    /// <summary>True when a machine scoring <paramref name="score"/> named <paramref name="name"/> beats the current best.</summary>
    /// <remarks>Equal scores go to the ordinally smaller name, so the choice never depends on input order.</remarks>
    public static bool IsBetter(double score, string name, double bestScore, string? bestName) =>
        bestName is null
        || score > bestScore
        || (score == bestScore && string.CompareOrdinal(name, bestName) < 0);

    /// <summary>
    /// <see cref="IsBetter(double, string, double, string?)"/> with the names given as their places in ordinal order
    /// (<paramref name="nameRank"/>), which the planner works out once per pass instead of comparing strings per job.
    /// </summary>
    public static bool IsBetter(double score, int nameRank, double bestScore, int bestNameRank) =>
        score > bestScore || (score == bestScore && nameRank < bestNameRank);

    private static double Ratio(double used, double capacity) =>
        capacity <= 0 ? 0 : Math.Clamp(used / capacity, 0, 1);
}
