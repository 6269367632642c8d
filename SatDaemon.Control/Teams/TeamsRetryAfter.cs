using System.Net.Http.Headers;

namespace SatDaemon.Control.Teams;

/// <summary>The wait a throttled webhook asks for in its Retry-After header (Polly's retry knows no HTTP).</summary>
internal static class TeamsRetryAfter
{
    /// <summary>
    /// Delta seconds or an HTTP date (relative to <paramref name="now"/>), never negative, capped at
    /// <paramref name="max"/>; null when the header is absent.
    /// </summary>
    public static TimeSpan? Wait(RetryConditionHeaderValue? retryAfter, DateTimeOffset now, TimeSpan max)
    {
        TimeSpan? wait = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (wait is null) return null;
        if (wait < TimeSpan.Zero) return TimeSpan.Zero;
        return wait > max ? max : wait;
    }
}
