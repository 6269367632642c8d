namespace SatDaemon.Database.Model;

/// <summary>The one row through which operators steer a running daemon and the daemon shows it is alive.</summary>
public class DaemonTools
{
    public int Id { get; set; } = 1;
    public bool RecreateJoblist { get; set; }
    public bool PowerDown { get; set; }
    public DateTime? Heartbeat { get; set; }
    public string? DaemonHost { get; set; }
    public int? DaemonPid { get; set; }
    public DateTime? DaemonStartedAt { get; set; }
    public DateTime? LastJoblistAt { get; set; }
    /// <summary>
    /// This installation's identity, carried on every job exec line it launches: job ids start at 1 in every
    /// database, so two installations on one machine and OS user are told apart by this, never by the job id alone.
    /// </summary>
    public string? InstanceId { get; set; }
}
