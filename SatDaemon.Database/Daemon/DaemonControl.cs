namespace SatDaemon.Database.Daemon;

/// <summary>
/// The requests in daemon_tools (set by ctl and the job-end writers): rebuild the whole job list now, or power down; and
/// whether some frames asked for their part of the job list to be rebuilt (joblist_dirty_frames has rows).
/// </summary>
public sealed record DaemonControl(bool RecreateJoblist, bool PowerDown, bool FramesChanged = false);
