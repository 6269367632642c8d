using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SatDaemon.Control.Teams;

/// <summary>
/// Posts one payload with retries: 429/503 wait for Retry-After, other 5xx and network errors
/// back off exponentially, other 4xx are dropped at once (retrying a malformed card cannot help).
/// Never logs or throws anything containing the webhook URL.
/// </summary>
internal sealed class TeamsWebhookSender(
    HttpClient httpClient,
    Uri webhook,
    TeamsOptions options,
    TeamsBackoff backoff,
    TimeProvider time,
    ILogger logger)
{
    private readonly string _host = webhook.Host;

    /// <summary>True when delivered; false when dropped (already logged). Throws only on <paramref name="cancellationToken"/>.</summary>
    public async Task<bool> SendAsync(TeamsMessage message, CancellationToken cancellationToken)
    {
        var payload = TeamsPayloadBuilder.Build(message, options.Format);
        var lastError = "no attempt made";
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            TimeSpan delay;
            var outcome = await TryPostAsync(payload, cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case { Status: { } status } when IsSuccess(status):
                    TeamsLog.Delivered(logger, message.Title, _host, attempt);
                    return true;

                case { Status: { } status } when !IsRetryable(status):
                    TeamsLog.Rejected(logger, _host, message.Title, (int)status);
                    return false;

                case { Status: { } status }:
                    lastError = $"HTTP {(int)status}";
                    delay = RetryAfterOrBackoff(status, outcome.RetryAfter, attempt);
                    if (attempt < options.MaxAttempts)
                    {
                        TeamsLog.HttpRetry(logger, _host, (int)status, message.Title, attempt, options.MaxAttempts, delay);
                    }

                    break;

                default:
                    lastError = outcome.Error ?? "unknown error";
                    delay = backoff.ForAttempt(attempt);
                    if (attempt < options.MaxAttempts)
                    {
                        TeamsLog.NetworkRetry(logger, _host, message.Title, lastError, attempt, options.MaxAttempts, delay);
                    }

                    break;
            }

            if (attempt < options.MaxAttempts)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }

        TeamsLog.GaveUp(logger, message.Title, options.MaxAttempts, _host, lastError);
        return false;
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan RetryAfterOrBackoff(HttpStatusCode status, RetryConditionHeaderValue? retryAfter, int attempt)
    {
        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && backoff.FromRetryAfter(retryAfter, time.GetUtcNow()) is { } asked)
        {
            return asked;
        }

        return backoff.ForAttempt(attempt);
    }

    private async Task<AttemptOutcome> TryPostAsync(byte[] payload, CancellationToken cancellationToken)
    {
        // Per-attempt timeout on our clock, separate from shutdown, so a hung endpoint counts as a failed attempt.
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await httpClient.PostAsync(webhook, content, linked.Token).ConfigureAwait(false);
            return new AttemptOutcome(response.StatusCode, response.Headers.RetryAfter, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(null, null, $"timed out after {options.Timeout}");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(null, null, Describe(ex));
        }
    }

    /// <summary>Exception text without the URL: .NET messages usually hold only host:port, but the path and query are the secret, so strip them defensively.</summary>
    private string Describe(HttpRequestException ex)
    {
        var text = ex.HttpRequestError != HttpRequestError.Unknown
            ? $"{ex.HttpRequestError}: {ex.Message}"
            : ex.Message;
        foreach (var secret in new[] { webhook.OriginalString, webhook.AbsoluteUri, webhook.PathAndQuery, webhook.Query })
        {
            if (secret.Length > 1)
            {
                text = text.Replace(secret, "[teams webhook]", StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    private sealed record AttemptOutcome(HttpStatusCode? Status, RetryConditionHeaderValue? RetryAfter, string? Error);
}
