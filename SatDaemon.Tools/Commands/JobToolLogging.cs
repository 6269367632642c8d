using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SatDaemon.Tools.Commands;

/// <summary>Loggers of the job commands: one line each, on stderr, so a command's stdout stays its own.</summary>
internal static class JobToolLogging
{
    public static ILoggerFactory Create(LogLevel level = LogLevel.Information) => LoggerFactory.Create(b => b
        .SetMinimumLevel(level)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        })
        .AddFilter("Microsoft", LogLevel.Warning));
}
