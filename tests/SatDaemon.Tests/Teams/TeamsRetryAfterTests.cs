using System.Net.Http.Headers;
using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

/// <summary>Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; SatDaemon never waits longer than its cap.</summary>
public sealed class TeamsRetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Fact]
    public void RetryAfter_SecondsDateAbsentAndCapped()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), TeamsRetryAfter.Wait(RetryConditionHeaderValue.Parse("7"), Now, Cap));
        Assert.Equal(TimeSpan.FromSeconds(12), TeamsRetryAfter.Wait(RetryConditionHeaderValue.Parse("Fri, 14 Mar 2025 12:00:12 GMT"), Now, Cap));
        Assert.Equal(TimeSpan.Zero, TeamsRetryAfter.Wait(RetryConditionHeaderValue.Parse("Fri, 14 Mar 2025 11:59:55 GMT"), Now, Cap));
        Assert.Equal(Cap, TeamsRetryAfter.Wait(RetryConditionHeaderValue.Parse("7200"), Now, Cap));
        Assert.Null(TeamsRetryAfter.Wait(null, Now, Cap));
    }
}
