namespace SatDaemon.Bench;

public static class Stats
{
    /// <summary>The q-quantile (0..1) by nearest rank.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    public static async Task<(T Last, double MedianMs, List<double> AllMs)> RepeatAsync<T>(int times, Func<Task<T>> run)
    {
        var all = new List<double>();
        T last = default!;
        for (var i = 0; i < times; i++)
        {
            var w = System.Diagnostics.Stopwatch.StartNew();
            last = await run();
            all.Add(w.Elapsed.TotalMilliseconds);
        }
        return (last, Median(all), all);
    }
}
