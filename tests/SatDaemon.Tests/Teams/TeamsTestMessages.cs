using SatDaemon.Control.Teams;

namespace SatDaemon.Tests.Teams;

/// <summary>Shared fixtures for the Teams tests.</summary>
internal static class TeamsTestMessages
{
    /// <summary>Path shaped like a Workflows webhook; the signature is what must never be logged.</summary>
    public const string SecretPath = "/workflows/0f1e2d3c/triggers/manual/paths/invoke?api-version=2016-06-01&sig=TOP-SECRET-SIGNATURE";

    public const string SecretMarker = "TOP-SECRET-SIGNATURE";

    public static TeamsMessage JobFailure(int index = 1, string? logTail = null) => new(
        $"Job failed: insar_pair on frame 044D_0{index:000}",
        TeamsSeverity.Error,
        [
            new TeamsFact("Frame", $"044D_0{index:000}_131313"),
            new TeamsFact("Job type", "insar_pair"),
            new TeamsFact("Date", "2025-03-14"),
            new TeamsFact("Machine", "node07"),
            new TeamsFact("Exit code", "137"),
        ],
        logTail ?? "step 4/7: unwrapping\nERROR: out of memory (\"killed\")\n\tat C:\\path\\x");

    public static TeamsOptions Options(string url, TeamsFormat format = TeamsFormat.AdaptiveCard) => new()
    {
        WebhookUrl = url,
        Format = format,
        DigestWindow = TimeSpan.FromSeconds(2),
        MaxMessagesPerWindow = 3,
        Timeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
    };
}
