using System.CommandLine;
using Microsoft.Extensions.Logging;
using SatDaemon.Control;
using SatDaemon.Control.CommandLine;

namespace SatDaemon.Tools.Commands;

/// <summary>Options every command takes.</summary>
internal static class CommonOptions
{
    /// <summary>-d/--config FILE: overrides $SATDAEMON_CONFIG and ./satdaemon.cfg everywhere.</summary>
    public static readonly Option<string?> Config = ConfigOption.Create();

    /// <summary>--log-level LEVEL: the job commands' log lines and the other commands' progress lines.</summary>
    public static readonly Option<string?> LogLevel = Levels(new Option<string?>("--log-level")
    {
        Description = LogVerbosity.LevelHelp + " (default: info)",
        Recursive = true,
    });

    /// <summary>-q/--quiet: results and problems only; a cron job's mail then holds only what needs a look.</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = LogVerbosity.QuietHelp, Recursive = true };

    public static LogLevel Level(ParseResult pr) => LogVerbosity.Resolve(pr.GetValue(LogLevel), pr.GetValue(Quiet), Microsoft.Extensions.Logging.LogLevel.Information);

    /// <summary>
    /// Where a command's progress and "what I did" lines go: the output at info and below, nowhere above. Results a
    /// command was asked for (tables, JSON, counts) never go here; warnings and errors go to the error writer.
    /// </summary>
    public static TextWriter Info(ParseResult pr) =>
        Level(pr) <= Microsoft.Extensions.Logging.LogLevel.Information ? pr.InvocationConfiguration.Output : TextWriter.Null;

    private static Option<string?> Levels(Option<string?> option)
    {
        option.AcceptOnlyFromAmong([.. LogVerbosity.Names]);
        return option;
    }
}
