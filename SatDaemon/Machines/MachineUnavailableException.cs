namespace SatDaemon.Machines;

/// <summary>The machine could not be reached or refused us (connection refused, authentication, unknown host key).</summary>
public sealed class MachineUnavailableException(string machine, string reason, Exception? inner = null)
    : Exception($"{machine}: {reason}", inner)
{
    public string Machine { get; } = machine;
    public string Reason { get; } = reason;
}
