namespace SatDaemon.Machines;

/// <summary>Runs a /bin/sh command line on a processing machine (over SSH, or locally).</summary>
public interface IMachineTransport : IAsyncDisposable
{
    /// <summary>Runs the command and waits for it; throws <see cref="MachineUnavailableException"/> when the machine cannot be reached.</summary>
    Task<CommandResult> RunAsync(string command, CancellationToken ct);
}
