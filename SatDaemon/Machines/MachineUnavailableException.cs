namespace SatDaemon.Machines;

/// <summary>The machine could not be reached or refused us (connection refused, authentication, unknown host key).</summary>
/// <param name="commandMayHaveRun">False when the failure came before any command was sent (connect, authentication,
/// host key): a launch that failed so certainly never started and can be queued again at once.</param>
public sealed class MachineUnavailableException(string machine, string reason, Exception? inner = null, bool commandMayHaveRun = false)
    : Exception($"{machine}: {reason}", inner)
{
    public string Machine { get; } = machine;
    public string Reason { get; } = reason;
    public bool CommandMayHaveRun { get; } = commandMayHaveRun;
}
