using SatDaemon.Database.Model;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The row a job, a failure or a consistency finding is about: a master, ifg or rsar_ifg row by its id, or a frame's
/// time series by the frame's id (target_id carries no meaning for it).
/// </summary>
public readonly record struct ProcTarget(string Table, long Id, string FrameId)
{
    public static ProcTarget Of(PendingJob j) => new(j.TargetTable, j.TargetId, j.FrameId);

    public static ProcTarget Of(RunningJob j) => new(j.TargetTable, j.TargetId, j.FrameId);
}
