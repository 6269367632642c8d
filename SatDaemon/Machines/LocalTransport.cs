using System.Diagnostics;

namespace SatDaemon.Machines;

/// <summary>Runs commands on the daemon's own host: single-host installs and the demo. Same command lines as SSH.</summary>
public sealed class LocalTransport : IMachineTransport
{
    public async Task<CommandResult> RunAsync(string command, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi) ?? throw new MachineUnavailableException("local", "cannot start /bin/sh");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return new CommandResult(p.ExitCode, await stdout, await stderr);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
