using SatDaemon.Database.Jobs;
using SatDaemon.JobRecords;

namespace SatDaemon.Tests.Jobs;

/// <summary>The README: "Retries wait 1, 2, 4 … minutes (at most 30)".</summary>
public sealed class RetryBackoffFacts
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void Attempt_n_waits_the_documented_minutes(int attempt, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RetryBackoff.For(attempt));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_first_or_nonsense_attempt_number_waits_one_minute(int attempt) =>
        Assert.Equal(TimeSpan.FromMinutes(1), RetryBackoff.For(attempt));
}
