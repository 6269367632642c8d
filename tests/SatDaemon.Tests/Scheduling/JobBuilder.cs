using SatDaemon.Scheduling;

namespace SatDaemon.Tests.Scheduling;

/// <summary>Builds <see cref="JobCandidate"/> fixtures: a small, freshly queued coreg job unless told otherwise.</summary>
public static class JobBuilder
{
    /// <summary>The "now" of every planner test; jobs are queued at this instant by default, so none is starved.</summary>
    public static readonly DateTimeOffset Now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static JobCandidate With(
        long id = 1,
        string type = "coreg",
        int priority = 0,
        int stageRank = 2,
        DateOnly? date = null,
        int cpus = 1,
        double memoryGb = 1,
        int disk = 0,
        DateTimeOffset? queuedAt = null,
        TimeSpan? waited = null,
        string frame = "132A_X",
        bool frameHeld = false,
        string[]? requires = null,
        string[]? prefers = null)
    {
        var day = date ?? new DateOnly(2020, 5, 11);
        return new JobCandidate(
            PendingId: id,
            FrameId: frame,
            JobType: type,
            TargetTable: "ifg",
            TargetId: id,
            Priority: priority,
            StageRank: stageRank,
            Date: day,
            Need: new Resources(cpus, memoryGb, disk),
            QueuedAt: queuedAt ?? Now - (waited ?? TimeSpan.Zero),
            Description: $"{frame} ifg {day:yyyy-MM-dd} {type} #{id}",
            FrameHeld: frameHeld,
            Requires: requires is null ? null : FeatureSet.Of(requires),
            Prefers: prefers is null ? null : FeatureSet.Of(prefers));
    }
}
