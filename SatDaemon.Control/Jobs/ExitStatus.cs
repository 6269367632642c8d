using System.Globalization;

namespace SatDaemon.Control.Jobs;

/// <summary>
/// How a command ended, in words for failed_jobs.error. .NET reports a child killed by signal N as exit code 128+N
/// on Unix (like the shell's $?), so codes 129–192 are read as signals; a command that itself exits with such a code is
/// indistinguishable and reported the same way.
/// </summary>
public readonly record struct ExitStatus(int ExitCode, int? Signal, string? StartError = null)
{
    /// <summary>Exit code used when the command could not be started at all (the shell's "command not found").</summary>
    public const int CannotStartCode = 127;

    public bool Success => ExitCode == 0 && StartError is null;

    public static ExitStatus FromExitCode(int code) =>
        new(code, code is > 128 and <= 128 + 64 ? code - 128 : null);

    public static ExitStatus CannotStart(string reason) => new(CannotStartCode, null, reason);

    /// <summary>"exit code 3", "killed by signal 9 (SIGKILL)", "cannot start: …", or "ok".</summary>
    public string Describe() =>
        StartError is { } e ? "cannot start: " + e
        : Signal is { } s ? string.Create(CultureInfo.InvariantCulture, $"killed by signal {s}{SignalName(s)}")
        : ExitCode == 0 ? "ok"
        : string.Create(CultureInfo.InvariantCulture, $"exit code {ExitCode}");

    private static string SignalName(int s) => s switch
    {
        1 => " (SIGHUP)",
        2 => " (SIGINT)",
        3 => " (SIGQUIT)",
        6 => " (SIGABRT)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        13 => " (SIGPIPE)",
        15 => " (SIGTERM)",
        _ => "",
    };
}
