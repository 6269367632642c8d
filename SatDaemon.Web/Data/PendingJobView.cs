using SatDaemon.Database.Daemon;

namespace SatDaemon.Web.Data;

/// <summary>
/// A pending_jobs row with why it waits: the planner's categories (<paramref name="WaitReason"/>) and whole sentence
/// (<paramref name="WaitDetail"/>) as the daemon's last plan stored them.
/// </summary>
public sealed record PendingJobView(
    long Id, string FrameId, string JobType, string StageName, DateOnly? Date, DateOnly? Date2, int Priority,
    DateTime QueuedAt, DateTime? NotBefore, int Attempt, string? WaitReason, string? WaitDetail)
{
    /// <summary>No configured machine can ever hold it (too big, or only drained machines fit).</summary>
    public bool CanNeverRun => WaitCategories.CanNeverRun(WaitReason);

    /// <summary>Why it waits now, in one sentence: a retry's backoff (which the planner does not see yet), else the planner's.</summary>
    public string Why(DateTime now) =>
        NotBefore is { } nb && nb > now ? $"retry backoff until {Html.Format.Time(nb)} (attempt {Attempt})"
        : WaitDetail ?? WaitReason ?? "not planned yet: the daemon has not planned since it was queued (or places it at its next pass)";
}
