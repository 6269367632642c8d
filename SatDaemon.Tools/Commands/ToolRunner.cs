using System.CommandLine;
using System.Data.Common;
using SatDaemon.Database;
using SatDaemon.Configuration;
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
            SatDaemonConfig? config = null;
            try
            {
                config = ConfigLoader.Load(pr.GetValue(CommonOptions.Config));
                // Operators see it at every command; job commands skip it, or every job's log would repeat it.
                if (securityWarnings)
                    foreach (var warning in ConfigSecurity.Warnings(config)) pr.InvocationConfiguration.Error.WriteLine("warning: " + warning);
                return await body(pr, config, ct);
            }
            catch (Exception e) when (Describe(e, config) is { } message)
            {
                // The invocation's writer, not Console: in-process callers (tests) capture it.
                pr.InvocationConfiguration.Error.WriteLine("error: " + message);
                return e is InvalidOperationException or DbException ? Failed : BadInput;
            }
        });
    }

    public static SatDbFactory Factory(SatDaemonConfig config) => SatDbFactory.FromConfig(config);

    /// <summary>"database postgresql user@host:port/name": never the password.</summary>
    private static string DatabaseName(SatDaemonConfig? config)
    {
        if (config is null) return "database";
        try { return "database " + Factory(config).Url.DisplayName; }
        catch (ConfigException) { return "database"; }
    }

    private static string? Describe(Exception e, SatDaemonConfig? config) => e switch
    {
        ConfigException or FrameException or FormatException or FileNotFoundException or ArgumentException => e.Message,
        // A database that cannot be reached or opened: EF wraps it in "likely due to a transient failure"; the
        // innermost message says what happened (connection refused, unable to open database file).
        DbException or InvalidOperationException { InnerException: DbException } => $"{DatabaseName(config)}: {e.GetBaseException().Message}",
        InvalidOperationException => e.Message,
        OperationCanceledException => "cancelled",
        _ => null,
    };
}
