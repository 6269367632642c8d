using Microsoft.Extensions.Logging;

namespace SatDaemon.Control;

/// <summary>
/// --log-level LEVEL and -q/--quiet, read the same way by satdaemon and satdaemon-tools: the least severe line shown.
/// Quiet is "warning": an operator's cron mail then holds only what needs a look.
/// </summary>
public static class LogVerbosity
{
    /// <summary>The words --log-level accepts, least severe first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["trace", "debug", "info", "warning", "error"];

    public const string LevelHelp = "least severe log line shown: trace, debug, info, warning or error";
    public const string QuietHelp = "warnings and errors only (the same as --log-level warning)";

    /// <summary>The level the options ask for; <paramref name="fallback"/> when neither is given. --log-level wins over --quiet.</summary>
    public static LogLevel Resolve(string? level, bool quiet, LogLevel fallback) => level?.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        null => quiet ? LogLevel.Warning : fallback,
        // Option validation lists the names, so this is only reached by a caller that skipped it.
        _ => throw new ArgumentException($"--log-level '{level}' is not one of {string.Join(", ", Names)}"),
    };
}
