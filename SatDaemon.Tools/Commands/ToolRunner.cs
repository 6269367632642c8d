using System.CommandLine;
using System.Data.Common;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Frames;

namespace SatDaemon.Tools.Commands;

/// <summary>
/// Runs a command body with config loaded and the database checked, turning known errors into one clear line and an
/// exit code (README "Exit codes"): 0 ok, 1 failed (a database that cannot be reached or is not initialised too),
/// 2 usage or config, 3 daemon not running (status), 4 another ingest is running (ingest-files).
/// </summary>
internal static class ToolRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int DaemonNotRunning = 3;
    /// <summary>ingest-files: another ingest holds the database's ingest lock (and --wait was not given).</summary>
    public const int IngestRunning = 4;

    /// <param name="checkDatabase">
    /// False for init-database (it creates the database) and the job protocol (job exec waits out a database
    /// outage within job_start_timeout; a check up front would turn a short outage into a failed job).
    /// </param>
    public static void SetAction(Command command, Func<ParseResult, SatDaemonConfig, CancellationToken, Task<int>> body,
        bool securityWarnings = true, bool checkDatabase = true)
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
                // Before the body: opening a SQLite file through EF would create it, empty.
                if (checkDatabase) await Factory(config).EnsureReadyAsync(ct);
                return await body(pr, config, ct);
            }
            catch (Exception e) when (Describe(e, config) is { } message)
            {
                // The invocation's writer, not Console: in-process callers (tests) capture it.
                pr.InvocationConfiguration.Error.WriteLine("error: " + message);
                return e is InvalidOperationException or DbException || DatabaseFailure(e, config) is not null ? Failed : BadInput;
            }
        });
    }

    public static SatDbFactory Factory(SatDaemonConfig config) => SatDbFactory.FromConfig(config);

    /// <summary>The one line for a database failure met mid-command (provider, host, port, name; never the password).</summary>
    private static DatabaseUnavailableException? DatabaseFailure(Exception e, SatDaemonConfig? config)
    {
        if (config is null) return e as DatabaseUnavailableException;
        try { return DatabaseUnavailableException.From(Factory(config).Url, e); }
        catch (ConfigException) { return e as DatabaseUnavailableException; }
    }

    private static string? Describe(Exception e, SatDaemonConfig? config) => e switch
    {
        ConfigException or FrameException or FormatException or FileNotFoundException or ArgumentException => e.Message,
        DatabaseUnavailableException => e.Message,
        // EF wraps a lost connection in "likely due to a transient failure"; the database's own line says more.
        _ when DatabaseFailure(e, config) is { } db => db.Message,
        InvalidOperationException => e.Message,
        OperationCanceledException => "cancelled",
        _ => null,
    };
}
