namespace SatDaemon.Database.Model;

/// <summary>The one row through which operators steer a running daemon and the daemon shows it is alive.</summary>
public class DaemonTools
{
    public int Id { get; set; } = 1;
    public bool RecreateJoblist { get; set; }
    public bool PowerDown { get; set; }
    /// <summary>The last pass of a running daemon; after a clean stop (<see cref="DaemonPid"/> null), the stop time.</summary>
    public DateTime? Heartbeat { get; set; }
    public string? DaemonHost { get; set; }
    /// <summary>The running daemon's pid; cleared when it stops cleanly (a killed daemon leaves it, and its heartbeat ages).</summary>
    public int? DaemonPid { get; set; }
    public DateTime? DaemonStartedAt { get; set; }
    public DateTime? LastJoblistAt { get; set; }
    /// <summary>
    /// This installation's identity, carried on every job exec line it launches: job ids start at 1 in every
    /// database, so two installations on one machine and OS user are told apart by this, never by the job id alone.
    /// </summary>
    public string? InstanceId { get; set; }
    /// <summary>
    /// The last UTC day whose Teams digest was claimed for sending (DailyDigest.ClaimAsync, its one writer): a daemon restarted
    /// after the digest hour does not send that day's cards again.
    /// </summary>
    public DateOnly? DigestSentDay { get; set; }
}
