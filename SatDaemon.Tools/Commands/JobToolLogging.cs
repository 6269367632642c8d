using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SatDaemon.Tools.Commands;

/// <summary>Loggers of the job commands: one bounded line each (<see cref="JobLogLineFormatter"/>), on stderr, so a command's stdout stays its own.</summary>
internal static class JobToolLogging
{
    public static ILoggerFactory Create(LogLevel level = LogLevel.Information) => LoggerFactory.Create(b => b
        .SetMinimumLevel(level)
        .AddConsole(o =>
        {
            o.LogToStandardErrorThreshold = LogLevel.Trace;
            o.FormatterName = JobLogLineFormatter.Name;
        })
        .AddConsoleFormatter<JobLogLineFormatter, ConsoleFormatterOptions>()
        .AddFilter("Microsoft", LogLevel.Warning));
}
