namespace SatDaemon.Database.Frames;

/// <summary>The RapidSAR network: each date paired with its next <c>rsar_connections</c> dates.</summary>
public static class RsarPairs
{
    /// <summary>Pairs (date1 &lt; date2) of each date with the next <paramref name="connections"/> later dates of <paramref name="dates"/>.</summary>
    public static IEnumerable<(DateOnly Date1, DateOnly Date2)> For(IEnumerable<DateOnly> dates, int connections)
    {
        if (connections < 1) throw new ArgumentOutOfRangeException(nameof(connections), "rsar_connections must be at least 1");
        var sorted = dates.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
            for (var k = 1; k <= connections && i + k < sorted.Count; k++)
                yield return (sorted[i], sorted[i + k]);
    }
}
