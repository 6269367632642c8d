namespace SatDaemon.Database.Model;

/// <summary>
/// joblist_dirty_frames: a frame whose job-list rows may be out of date, written by <c>DaemonFlags.RequestJobListAsync</c>
/// in the same transaction as the change, and taken (deleted) by the daemon before it rebuilds that frame's part of
/// pending_jobs. A frame, not a flag: the daemon then rebuilds what changed, not the whole list (issue 18).
/// No foreign key: a frame deleted meanwhile is still rebuilt once, which removes its pending rows.
/// </summary>
public class JobListDirtyFrame
{
    public required string FrameId { get; set; }
}
