namespace SatDaemon.Configuration;

/// <summary>One [PROC_MACHINES:name] section.</summary>
public sealed class MachineOptions
{
    public required string Name { get; init; }
    public required string Host { get; init; }
    public int Port { get; init; } = 22;
    public string User { get; init; } = Environment.UserName;
    public string KeyFile { get; init; } = "~/.ssh/id_ed25519";
    public string KnownHosts { get; init; } = "~/.ssh/known_hosts";
    public Transport Transport { get; init; } = Transport.Ssh;
    /// <summary>Cores the daemon may fill.</summary>
    public required int Cpus { get; init; }
    /// <summary>Memory in GB the daemon may fill.</summary>
    public required double Memory { get; init; }
    /// <summary>Disk-I/O units out of 100. Default 100.</summary>
    public int Disk { get; init; } = 100;
}
