using System.Diagnostics;

namespace SatDaemon.Tests.Infrastructure;

/// <summary>What a finished `sh -c LINE` printed and how it ended.</summary>
public sealed record ShellResult(int Exit, string Stdout, string Stderr);

/// <summary>
/// Runs one command line through a real shell (/bin/sh, bash or dash), as the daemon's launch and signal lines run on a
/// machine, so a test sees what that shell really does with the quoting.
/// </summary>
public static class ShellCommand
{
    public static async Task<ShellResult> RunAsync(string shell, string line, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(shell)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(line);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + shell);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new ShellResult(p.ExitCode, await stdout, await stderr);
    }
}
