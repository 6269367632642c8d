using SatDaemon.Database.Frames;

namespace SatDaemon.Tests.Frames;

public sealed class MasterChoiceTests
{
    private static readonly DateOnly D0 = new(2022, 10, 16);

    [Theory]
    // Days 0,12,36,48,60: Σ|d−36| = 36+24+0+12+24 = 96; at 48: 108; at 12: 120 → 36.
    [InlineData(new[] { 0, 12, 36, 48, 60 }, 36)]
    // Days 0,12,24,36: Σ at 12 = 12+0+12+24 = 48 = Σ at 24 (24+12+0+12) → the earlier, 12.
    [InlineData(new[] { 0, 12, 24, 36 }, 12)]
    // Skewed: 0,12,24,240: Σ at 12 = 12+0+12+228 = 252 = Σ at 24 (24+12+0+216) → 12.
    [InlineData(new[] { 0, 12, 24, 240 }, 12)]
    // Input order does not matter: 60,0,24 → Σ at 24 = 36+24+0 = 60 is least.
    [InlineData(new[] { 60, 0, 24 }, 24)]
    [InlineData(new[] { 5 }, 5)]
    public void Picks_the_date_with_the_smallest_total_baseline_earlier_on_a_tie(int[] days, int expected) =>
        Assert.Equal(D0.AddDays(expected), MasterChoice.Choose(days.Select(d => D0.AddDays(d)).ToList()));

    [Fact]
    public void No_dates_is_an_error() => Assert.Throws<ArgumentException>(() => MasterChoice.Choose([]));
}
