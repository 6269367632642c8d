namespace SatDaemon.Database.Daemon;

/// <summary>The operator's flags in daemon_tools (set by ctl): rebuild the job list now, or power down.</summary>
public sealed record DaemonControl(bool RecreateJoblist, bool PowerDown);
