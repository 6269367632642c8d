namespace SatDaemon.Hosting;

/// <summary>The exit code the daemon process should end with; set by the service, read by Program.</summary>
public sealed class DaemonExit
{
    /// <summary>0 ok, 1 failed (a crash), 2 usage or config (DESIGN §13); the systemd unit does not restart after 2.</summary>
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageOrConfig = 2;

    public int Code { get; set; }
}
