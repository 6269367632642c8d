namespace SatDaemon.Database.Model;

/// <summary>
/// machine_drains: a machine on which nothing new starts (ctl drain) until ctl resume deletes the row; running jobs
/// finish. A row, not a config key, so that a drain survives a daemon restart and needs no config edit.
/// </summary>
public class MachineDrain
{
    /// <summary>The [PROC_MACHINES:name] section's name.</summary>
    public required string Machine { get; set; }
    public DateTime DrainedAt { get; set; }
    /// <summary>Who drained it (the OS user that ran ctl drain).</summary>
    public string? DrainedBy { get; set; }
}
