using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// One bounded line per log entry of a job command. Their stderr is the job log (the launch line redirects it), which
/// operators read and whose tail goes into failed_jobs and Teams: the simple console formatter flattened a whole stack
/// trace into one line of 15,000 characters there. This keeps the time, level, category and message, and of an
/// exception only its innermost type and message; the stack belongs to a developer's debugger, not the job log.
/// </summary>
internal sealed class JobLogLineFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "satdaemon-job";

    /// <summary>Longest line written: a message past it is cut with "…". Long enough for any of our own messages.</summary>
    public const int MaxLine = 1000;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm:ss} {Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}] {message}");
        if (logEntry.Exception is { } e)
        {
            var root = Innermost(e);
            line += $" ({root.GetType().Name}: {root.Message})";
        }
        line = line.ReplaceLineEndings(" ");
        if (line.Length > MaxLine) line = line[..(MaxLine - 1)] + "…";
        textWriter.WriteLine(line);
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
