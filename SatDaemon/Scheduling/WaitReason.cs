namespace SatDaemon.Scheduling;

/// <summary>The short REASON of a waiting job as ctl status shows it: its categories, comma-separated, in the planner's order.</summary>
public static class WaitReason
{
    public static string Of(Rejection waiting) => waiting.Categories.Count == 0 ? "waiting" : string.Join(",", waiting.Categories);
}
