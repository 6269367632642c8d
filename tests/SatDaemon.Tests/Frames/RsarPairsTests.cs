using SatDaemon.Database.Frames;

namespace SatDaemon.Tests.Frames;

public sealed class RsarPairsTests
{
    private static readonly DateOnly D0 = new(2022, 10, 16);

    [Theory]
    // n dates, c connections: Σ over dates of min(c, later dates). 5 dates, 3: 3+3+2+1+0 = 9.
    [InlineData(5, 3, 9)]
    [InlineData(6, 3, 12)] // 3+3+3+2+1+0
    [InlineData(4, 1, 3)]
    [InlineData(1, 3, 0)]
    [InlineData(0, 3, 0)]
    public void Each_date_pairs_with_its_next_dates(int n, int connections, int expected)
    {
        var pairs = RsarPairs.For(Enumerable.Range(0, n).Select(i => D0.AddDays(12 * i)).Reverse(), connections).ToList();
        Assert.Equal(expected, pairs.Count);
        Assert.All(pairs, p => Assert.True(p.Date1 < p.Date2));
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    [Fact]
    public void Pairs_skip_nothing_between_neighbours()
    {
        var d = new[] { D0, D0.AddDays(12), D0.AddDays(36) };
        Assert.Equal([(d[0], d[1]), (d[0], d[2]), (d[1], d[2])], RsarPairs.For(d, 3));
    }
}
