using System.Net.Http.Headers;
using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

public sealed class TeamsBackoffTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(3, 1.0, 4000)]
    [InlineData(10, 1.0, 30000)] // capped
    [InlineData(10, 0.0, 15000)]
    public void ExponentialWithJitterAndCap(int attempt, double random, int expectedMs)
    {
        var backoff = new TeamsBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => random);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.ForAttempt(attempt));
    }

    [Fact]
    public void RetryAfter_SecondsDateAbsentAndCapped()
    {
        var backoff = new TeamsBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now));
        Assert.Equal(TimeSpan.FromSeconds(12), backoff.FromRetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(12)), Now));
        Assert.Equal(TimeSpan.Zero, backoff.FromRetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(2)), Now));
        Assert.Null(backoff.FromRetryAfter(null, Now));
    }
}
