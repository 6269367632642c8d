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
}
