using System.CommandLine;
using SatDaemon.Database;
using SatDaemon.Database.Configuration;
using SatDaemon.Database.Frames;

namespace SatDaemon.Tools.Commands;

/// <summary>Runs a command body with config loaded, turning known bad-input errors into one clear line and an exit code.</summary>
internal static class ToolRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static void SetAction(Command command, Func<ParseResult, SatDaemonConfig, CancellationToken, Task<int>> body, bool securityWarnings = true)
    {
        command.SetAction(async (pr, ct) =>
        {
            try
            {
                var config = ConfigLoader.Load(pr.GetValue(CommonOptions.Config));
                // Operators see it at every command; job commands skip it, or every job's log would repeat it.
                if (securityWarnings)
                    foreach (var warning in ConfigSecurity.Warnings(config)) pr.InvocationConfiguration.Error.WriteLine("warning: " + warning);
                return await body(pr, config, ct);
            }
            catch (Exception e) when (Describe(e) is { } message)
            {
                // The invocation's writer, not Console: in-process callers (tests) capture it.
                pr.InvocationConfiguration.Error.WriteLine("error: " + message);
                return e is InvalidOperationException ? Failed : BadInput;
            }
        });
    }

    public static SatDbFactory Factory(SatDaemonConfig config) => SatDbFactory.FromConfig(config);

    private static string? Describe(Exception e) => e switch
    {
        ConfigException or FrameException or FormatException or FileNotFoundException or ArgumentException => e.Message,
        InvalidOperationException => e.Message,
        OperationCanceledException => "cancelled",
        _ => null,
    };
}
