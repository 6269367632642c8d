using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Digest;

namespace SatDaemon.Hosting;

/// <summary>
/// [TEAMS] digest_hour: once a day, at that UTC hour or the first check after it, one Teams card per frame with the day
/// before's dates added, dates processed and failed jobs (one card for the frame, not one per date). The day is
/// claimed in daemon_tools first, so a restart never sends it twice. Failures are logged and tried at the next check.
/// </summary>
public sealed class TeamsDigestService(DailyDigest digest, ITeamsNotifier teams, int digestHour, TimeProvider time, ILogger<TeamsDigestService> log)
    : BackgroundService
{
    /// <summary>How often the clock is looked at; the digest leaves within this of the hour.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SendIfDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    DigestLog.Failed(log, e);
                }
                await Task.Delay(CheckInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends the day before's cards when the hour has come and nobody has sent them; returns how many cards.</summary>
    public async Task<int> SendIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now.Hour < digestHour) return 0;
        var day = DateOnly.FromDateTime(now).AddDays(-1);
        // Read before claiming: a database error then leaves the day to the next check instead of losing it.
        var frames = await digest.ReadAsync(day, ct);
        if (!await digest.ClaimAsync(day, ct)) return 0;
        foreach (var f in frames) teams.TryEnqueue(Card(day, f));
        DigestLog.Sent(log, Iso(day), frames.Count);
        return frames.Count;
    }

    /// <summary>One frame's card: counts first, then the dates, so a long list still starts with what matters.</summary>
    public static TeamsMessage Card(DateOnly day, FrameDigest f) => new(
        $"SatDaemon daily digest {f.FrameId} {Iso(day)}",
        f.FailedJobs.Count > 0 ? TeamsSeverity.Warning : TeamsSeverity.Info,
        [
            new("Frame", f.FrameId),
            new("Day (UTC)", Iso(day)),
            new("Dates added", List(f.DatesAdded.Select(Iso).ToList())),
            new("Dates processed", List(f.DatesProcessed.Select(Iso).ToList())),
            new("Failed jobs", List(f.FailedJobs)),
        ]);

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "0" : $"{items.Count}: {string.Join(", ", items)}";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
