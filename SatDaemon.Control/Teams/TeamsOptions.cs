namespace SatDaemon.Control.Teams;

/// <summary>
/// Settings for <see cref="TeamsNotifier"/>. Defaults suit the daemon: a burst of job failures
/// (e.g. a whole frame batch failing on a broken mount) yields a few individual posts and one
/// digest per minute instead of hundreds of cards that Teams would throttle anyway.
/// </summary>
public sealed class TeamsOptions
{
    /// <summary>Webhook URL. Null or empty disables notifications. It is a secret (the signature is in the query), so it is never logged.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Payload shape. Default <see cref="TeamsFormat.AdaptiveCard"/> (Workflows webhooks).</summary>
    public TeamsFormat Format { get; set; } = TeamsFormat.AdaptiveCard;

    /// <summary>Burst window, started by the first message after a quiet period. Default 60 s.</summary>
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages posted individually per window; the rest of the window is held and posted as one digest when it ends. Default 3.</summary>
    public int MaxMessagesPerWindow { get; set; } = 3;

    /// <summary>Timeout of one HTTP attempt. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Queue capacity; messages beyond it are dropped with a log line so callers never block. Default 1000.</summary>
    public int MaxQueue { get; set; } = 1000;

    /// <summary>HTTP attempts per post (first try included) before the post is dropped. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First backoff delay for 5xx/network errors; doubled per attempt, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for any single wait, including a server's Retry-After, so a bogus header cannot stall the queue for hours. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True when a webhook URL is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for an unusable setting. Messages never contain
    /// the webhook URL because they may end up in logs or on a terminal.
    /// </summary>
    public void Validate()
    {
        if (IsEnabled
            && (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException("Teams webhook URL is not an absolute http(s) URL.", nameof(WebhookUrl));
        }

        if (!Enum.IsDefined(Format))
        {
            throw new ArgumentException($"Unknown Teams format {(int)Format}.", nameof(Format));
        }

        RequirePositive(DigestWindow, nameof(DigestWindow));
        RequirePositive(Timeout, nameof(Timeout));
        RequirePositive(RetryBaseDelay, nameof(RetryBaseDelay));
        if (MaxRetryDelay < RetryBaseDelay)
        {
            throw new ArgumentException("MaxRetryDelay must not be shorter than RetryBaseDelay.", nameof(MaxRetryDelay));
        }

        RequireAtLeastOne(MaxMessagesPerWindow, nameof(MaxMessagesPerWindow));
        RequireAtLeastOne(MaxQueue, nameof(MaxQueue));
        RequireAtLeastOne(MaxAttempts, nameof(MaxAttempts));
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive (was {value}).", name);
        }
    }

    private static void RequireAtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{name} must be at least 1 (was {value}).", name);
        }
    }
}
