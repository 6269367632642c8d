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
    public const string TooBig = "too big";
    public const string LaunchLimit = "launch limit";
    public const string Drained = "machine drained";
    public const string FrameHeld = "frame held";
}
