using SatDaemon.Database.Ingest;

namespace SatDaemon.Tests.Ingest;

public sealed class BurstMatcherTests
{
    private static readonly BurstMatcher Matcher = new([
        ("64_5470_IW2", 64, "A", "IW2", 5470),
        ("64_5497_IW2", 64, "A", "IW2", 5497),
        ("64_5471_IW1", 64, "A", "IW1", 5471),
    ]);

    [Theory]
    [InlineData(5470, "64_5470_IW2")] // exact
    [InlineData(5471, "64_5470_IW2")] // one tenth later: same ground burst
    [InlineData(5469, "64_5470_IW2")] // one tenth earlier
    [InlineData(5496, "64_5497_IW2")]
    [InlineData(5472, null)] // two tenths away: another burst
    [InlineData(5484, null)] // between two bursts
    public void Matches_within_one_tenth_on_the_same_track_direction_and_swath(int anx, string? expected) =>
        Assert.Equal(expected, Matcher.Match(64, "A", "IW2", anx));

    [Fact]
    public void Other_swath_direction_or_track_never_match()
    {
        Assert.Null(Matcher.Match(64, "A", "IW3", 5470));
        Assert.Null(Matcher.Match(64, "D", "IW2", 5470));
        Assert.Null(Matcher.Match(65, "A", "IW2", 5470));
        Assert.Equal("64_5471_IW1", Matcher.Match(64, "A", "IW1", 5470));
    }

    [Fact]
    public void Exact_match_wins_over_a_neighbour()
    {
        var m = new BurstMatcher([("a", 1, "A", "IW1", 100), ("b", 1, "A", "IW1", 101)]);
        Assert.Equal("b", m.Match(1, "A", "IW1", 101));
        Assert.Equal("a", m.Match(1, "A", "IW1", 100));
        // 102 is one from b only.
        Assert.Equal("b", m.Match(1, "A", "IW1", 102));
    }
}
