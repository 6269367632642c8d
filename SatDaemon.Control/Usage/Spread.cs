namespace SatDaemon.Control.Usage;

/// <summary>
/// Median, 95th percentile and maximum of a set of figures. Percentiles by nearest rank: the p-th percentile of n sorted
/// values is the value at rank ⌈p·n⌉ (1-based), always one of the figures, never an interpolation.
/// </summary>
public sealed record Spread(double Median, double P95, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values", nameof(values));
        return new Spread(Rank(sorted, 0.5), Rank(sorted, 0.95), sorted[^1]);
    }

    /// <summary>The value at rank ⌈p·n⌉: for n = 20, p95 is the 19th; for n = 10, the 10th (the maximum).</summary>
    public static double Rank(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(p * sorted.Length - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
