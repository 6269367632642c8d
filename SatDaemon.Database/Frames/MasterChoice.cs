namespace SatDaemon.Database.Frames;

/// <summary>Picks a frame's master when none is given: the date with the smallest total temporal baseline.</summary>
public static class MasterChoice
{
    /// <summary>
    /// The date m minimising Σ|d − m| in days over <paramref name="dates"/> (a median); on a tie the earlier date,
    /// so the choice does not depend on the order of the input.
    /// </summary>
    public static DateOnly Choose(IReadOnlyCollection<DateOnly> dates)
    {
        if (dates.Count == 0) throw new ArgumentException("no dates to choose a master from", nameof(dates));
        var best = default(DateOnly);
        var bestSum = long.MaxValue;
        foreach (var m in dates.Distinct().Order())
        {
            var sum = TotalBaseline(dates, m);
            if (sum < bestSum) (best, bestSum) = (m, sum);
        }
        return best;
    }

    /// <summary>Σ|d − master| in days.</summary>
    public static long TotalBaseline(IEnumerable<DateOnly> dates, DateOnly master) =>
        dates.Sum(d => (long)Math.Abs(d.DayNumber - master.DayNumber));
}
