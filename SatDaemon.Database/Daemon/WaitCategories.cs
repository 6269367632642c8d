namespace SatDaemon.Database.Daemon;

/// <summary>
/// The two wait categories that mean "can never run as configured" (not queueing), as the planner writes them into
/// pending_jobs.wait_reason; here, below the planner and the console, so both read one spelling.
/// </summary>
public static class WaitCategories
{
    /// <summary>Too big for every configured machine's budget.</summary>
    public const string TooBig = "too big";

    /// <summary>Only drained machines are big enough (ctl resume lets it run).</summary>
    public const string OnlyDrained = "only drained machines fit";

    /// <summary>No configured machine offers a feature the job type requires.</summary>
    public const string MissingFeature = "no machine has the feature";

    /// <summary>What the planner's sentence for such a job carries after its cause ("CAUSE; it can never run …").</summary>
    public const string NeverRunsMarker = "; it can never run";

    /// <summary>The first category of a stored wait_reason ("memory,unavailable" → "memory"); a job counts once, under it.</summary>
    public static string? First(string? waitReason) => waitReason is null ? null : waitReason.Split(',', 2)[0];

    public static bool CanNeverRun(string? waitReason) => waitReason is TooBig or OnlyDrained or MissingFeature;

    /// <summary>The cause of a can-never-run sentence: what comes before <see cref="NeverRunsMarker"/>.</summary>
    public static string Cause(string detail) =>
        detail.IndexOf(NeverRunsMarker, StringComparison.Ordinal) is var i and >= 0 ? detail[..i] : detail;
}
