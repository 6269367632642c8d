namespace SatDaemon.Hosting;

/// <summary>The exit code the daemon process should end with; set by the service, read by Program.</summary>
public sealed class DaemonExit
{
    public int Code { get; set; }
}
