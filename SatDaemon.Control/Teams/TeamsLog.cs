using Microsoft.Extensions.Logging;

namespace SatDaemon.Control.Teams;

/// <summary>
/// Log messages of the Teams notifier. Event ids 3000–3099 are reserved for Teams:
/// 3000 disabled, 3001 delivered, 3002 queue full, 3003 HTTP retry, 3004 network retry,
/// 3005 gave up, 3006 rejected (4xx), 3007 held for digest, 3008 flush timed out,
/// 3009 discarded at shutdown, 3010 unexpected failure (exception type only).
/// Only the webhook host is ever logged: the full URL carries the signature that lets anyone post.
/// </summary>
internal static partial class TeamsLog
{
    // Debug: every one-shot command (job warn, explain) builds a notifier; "disabled" at info was noise on each.
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug,
        Message = "Teams notifications disabled: no webhook configured")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Teams message '{Title}' delivered to {Host} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string title, string host, int attempt);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Teams queue full ({MaxQueue} messages); message '{Title}' dropped")]
    public static partial void QueueFull(ILogger logger, int maxQueue, string title);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Teams webhook at {Host} answered {StatusCode} for '{Title}'; attempt {Attempt}/{MaxAttempts}, retrying in {Delay}")]
    public static partial void HttpRetry(ILogger logger, string host, int statusCode, string title, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Teams webhook at {Host} failed for '{Title}' ({Error}); attempt {Attempt}/{MaxAttempts}, retrying in {Delay}")]
    public static partial void NetworkRetry(ILogger logger, string host, string title, string error, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "Teams message '{Title}' dropped after {Attempts} attempts to {Host}; last error: {Error}")]
    public static partial void GaveUp(ILogger logger, string title, int attempts, string host, string error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error,
        Message = "Teams webhook at {Host} rejected '{Title}' with {StatusCode}; dropped without retry")]
    public static partial void Rejected(ILogger logger, string host, string title, int statusCode);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug,
        Message = "Teams burst limit reached; '{Title}' held for the digest")]
    public static partial void HeldForDigest(ILogger logger, string title);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning,
        Message = "Teams flush timed out after {Timeout} with {Pending} message(s) not yet sent")]
    public static partial void FlushTimedOut(ILogger logger, TimeSpan timeout, int pending);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning,
        Message = "{Pending} Teams message(s) discarded at shutdown")]
    public static partial void DiscardedAtShutdown(ILogger logger, int pending);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error,
        Message = "Teams notifier failed unexpectedly ({Error}); message dropped")]
    public static partial void LoopFailed(ILogger logger, string error);
}
