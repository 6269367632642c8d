using System.Net.Http.Headers;
using SatDaemon.Control.Teams;

namespace SatDaemon.JobExec;

/// <summary>
/// The native job exec's post of a final failure to Teams: the card the .NET JobLogger posts (JobFailureCard, written by
/// TeamsPayloadBuilder with Utf8JsonWriter, no reflection: safe under NativeAOT), to the configured teams_webhook or
/// $SATDAEMON_TEAMS_WEBHOOK, within the JobLogger's flush time (one deadline for all attempts). One attempt, plus one more after a 429/5xx or a refused connection: the process
/// exits right after, and a lost card is not worth holding the job's end.
/// </summary>
internal static class TeamsPost
{
    /// <summary>Null when posted or when no webhook is configured; else what went wrong (never the webhook URL, a secret).</summary>
    public static async Task<string?> SendAsync(string? configuredWebhook, TeamsMessage message, TimeSpan timeout)
    {
        if (TeamsWebhookResolver.Resolve(configuredWebhook) is not { } url) return null;
        var payload = TeamsPayloadBuilder.Build(message, TeamsFormat.AdaptiveCard);
        // One deadline for both attempts: an endpoint that never answers holds the wrapper's exit for the flush time, not twice it.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(timeout);
        string? problem = null;
        for (var attempt = 1; attempt <= 2 && !deadline.IsCancellationRequested; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(payload);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await http.PostAsync(url, content, deadline.Token);
                var code = (int)response.StatusCode;
                if (response.IsSuccessStatusCode) return null;
                problem = $"the webhook answered {code}";
                if (code != 429 && code < 500) return problem;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or UriFormatException)
            {
                // The JobLogger's notifier says "Teams flush timed out" in the same case; operators grep for it.
                problem = e is OperationCanceledException ? $"Teams flush timed out after {timeout.TotalSeconds:0} s" : "the webhook could not be reached";
            }
        }
        return problem;
    }
}
