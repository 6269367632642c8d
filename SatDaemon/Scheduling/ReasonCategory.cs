namespace SatDaemon.Scheduling;

/// <summary>The names under which <see cref="PlacementPlan.ReasonCounts"/> counts why jobs wait.</summary>
/// <remarks>Stable strings: they are printed by <c>satdaemon explain</c> and may be logged as properties.</remarks>
public static class ReasonCategory
{
    public const string Unavailable = "unavailable";
    public const string Cpus = "cpus";
    public const string Memory = "memory";
    public const string Disk = "disk";
    public const string TypeLimit = "type limit";
    public const string Reserved = "reserved";
    public const string TooBig = SatDaemon.Database.Daemon.WaitCategories.TooBig;
    public const string LaunchLimit = "launch limit";
    public const string Drained = "machine drained";
    public const string FrameHeld = "frame held";

    /// <summary>The machine lacks a feature the job type requires.</summary>
    public const string Feature = "feature";

    /// <summary>No configured machine offers a feature the job type requires: it never runs until one does.</summary>
    public const string MissingFeature = SatDaemon.Database.Daemon.WaitCategories.MissingFeature;

    /// <summary>Every machine that could ever hold the job is drained: it never runs while they stay drained.</summary>
    public const string OnlyDrained = SatDaemon.Database.Daemon.WaitCategories.OnlyDrained;

    /// <summary>
    /// Whether a job held back by <paramref name="categories"/> can never run as the machines are configured and drained
    /// now (too big for every machine, or fitting only drained ones), as opposed to ordinary queueing.
    /// </summary>
    public static bool CanNeverRun(IReadOnlyList<string> categories) =>
        categories.Count == 1 && categories[0] is TooBig or OnlyDrained or MissingFeature;
}
