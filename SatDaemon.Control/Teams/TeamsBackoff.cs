using System.Net.Http.Headers;

namespace SatDaemon.Control.Teams;

/// <summary>Retry delays: the server's Retry-After when given, else exponential backoff with jitter.</summary>
internal sealed class TeamsBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double> nextRandom)
{
    /// <summary>
    /// Delay after failed attempt number <paramref name="attempt"/> (1-based): base·2^(attempt-1),
    /// capped, then scaled into [50 %, 100 %] so several jobs failing together do not retry in lockstep.
    /// </summary>
    public TimeSpan ForAttempt(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var raw = baseDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * nextRandom())));
    }

    /// <summary>
    /// The wait a 429/503 asks for: delta seconds or an HTTP date (relative to <paramref name="now"/>),
    /// capped at the maximum delay; null when the header is absent.
    /// </summary>
    public TimeSpan? FromRetryAfter(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        TimeSpan? wait = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };

        if (wait is null)
        {
            return null;
        }

        if (wait < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return wait > maxDelay ? maxDelay : wait;
    }
}
