namespace SatDaemon.Machines;

/// <summary>What a command run on a machine printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
}
