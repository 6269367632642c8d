using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace SatDaemon.Control.Teams;

/// <summary>
/// Posts one payload with retries: 429/503 wait for Retry-After, other 5xx and network errors
/// back off exponentially with jitter (Polly's retry strategy on the notifier's clock, so several jobs failing
/// together do not retry in lockstep), other 4xx are dropped at once (retrying a malformed card cannot help).
/// Never logs or throws anything containing the webhook URL.
/// </summary>
internal sealed class TeamsWebhookSender
{
    private readonly HttpClient _httpClient;
    private readonly Uri _webhook;
    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _host;

    public TeamsWebhookSender(HttpClient httpClient, Uri webhook, TeamsOptions options, TimeProvider time, ILogger logger)
    {
        _httpClient = httpClient;
        _webhook = webhook;
        _options = options;
        _time = time;
        _logger = logger;
        _host = webhook.Host;
    }

    /// <summary>True when delivered; false when dropped (already logged). Throws only on <paramref name="cancellationToken"/>.</summary>
    public async Task<bool> SendAsync(TeamsMessage message, CancellationToken cancellationToken)
    {
        var payload = TeamsPayloadBuilder.Build(message, _options.Format);
        var attempts = 0;
        var outcome = await Retry(message.Title).ExecuteAsync(async token =>
        {
            attempts++;
            return await TryPostAsync(payload, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        switch (outcome)
        {
            case { Status: { } status } when IsSuccess(status):
                TeamsLog.Delivered(_logger, message.Title, _host, attempts);
                return true;
            case { Status: { } status } when !IsRetryable(status):
                TeamsLog.Rejected(_logger, _host, message.Title, (int)status);
                return false;
            default:
                TeamsLog.GaveUp(_logger, message.Title, attempts, _host, outcome.Describe());
                return false;
        }
    }

    private ResiliencePipeline<AttemptOutcome> Retry(string title)
    {
        if (_options.MaxAttempts < 2) return ResiliencePipeline<AttemptOutcome>.Empty;
        return new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } o && (o.Status is not { } s || IsRetryable(s))),
                // A throttled webhook says how long to wait; that wins over our own backoff.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { Status: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } o
                        ? TeamsRetryAfter.Wait(o.RetryAfter, _time.GetUtcNow(), _options.MaxRetryDelay)
                        : null),
                OnRetry = args =>
                {
                    var attempt = args.AttemptNumber + 1;
                    if (args.Outcome.Result is { Status: { } status })
                        TeamsLog.HttpRetry(_logger, _host, (int)status, title, attempt, _options.MaxAttempts, args.RetryDelay);
                    else
                        TeamsLog.NetworkRetry(_logger, _host, title, args.Outcome.Result?.Describe() ?? "unknown error", attempt, _options.MaxAttempts, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private async Task<AttemptOutcome> TryPostAsync(byte[] payload, CancellationToken cancellationToken)
    {
        // Per-attempt timeout on our clock, separate from shutdown, so a hung endpoint counts as a failed attempt.
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _httpClient.PostAsync(_webhook, content, linked.Token).ConfigureAwait(false);
            return new AttemptOutcome(response.StatusCode, response.Headers.RetryAfter, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(null, null, $"timed out after {_options.Timeout}");
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
        foreach (var secret in new[] { _webhook.OriginalString, _webhook.AbsoluteUri, _webhook.PathAndQuery, _webhook.Query })
        {
            if (secret.Length > 1)
            {
                text = text.Replace(secret, "[teams webhook]", StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }

    private sealed record AttemptOutcome(HttpStatusCode? Status, RetryConditionHeaderValue? RetryAfter, string? Error)
    {
        public string Describe() => Status is { } s ? $"HTTP {(int)s}" : Error ?? "unknown error";
    }
}
