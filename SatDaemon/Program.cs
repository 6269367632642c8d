using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon;
using SatDaemon.Control;
using SatDaemon.Control.CommandLine;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;

var configOption = ConfigOption.Create();
var logLevelOption = new Option<string?>("--log-level")
{
    Description = LogVerbosity.LevelHelp + " (default: info for the daemon, warning for explain and web)",
    Recursive = true,
};
logLevelOption.AcceptOnlyFromAmong([.. LogVerbosity.Names]);
var quietOption = new Option<bool>("--quiet", "-q") { Description = LogVerbosity.QuietHelp, Recursive = true };
var onceOption = new Option<bool>("--once") { Description = "run one pass and exit" };
var standbyOption = new Option<bool>("--standby")
{
    Description = "wait as a standby on the daemon lock and take over within seconds when the active daemon dies "
        + "(as [PARAMETERS] standby = true; PostgreSQL only, exit 2 on SQLite)",
};
var jsonOption = new Option<bool>("--json")
{
    Description = "print as JSON: {job_list: {eligible, blocked_by_reason, examples}, computed_here, launch: [{job, machine}], "
        + "wait: [{pending_id, job, reason, categories}], reason_counts, unavailable_machines: [{machine, reason}], held_frames, drained_machines}",
};

var root = new RootCommand("satdaemon: runs the Sentinel-1 InSAR processing chain unattended (default command: run). "
    + "Exit codes: 0 ok, 1 failed (also: the database cannot be reached or is not initialised), 2 usage or config");
root.Options.Add(configOption);
root.Options.Add(logLevelOption);
root.Options.Add(quietOption);
var run = new Command("run", "run the daemon until power-down (ctl power-down) or SIGTERM");
run.Options.Add(onceOption);
run.Options.Add(standbyOption);
root.Options.Add(onceOption);
var explain = new Command("explain", "show what would launch now, where, and why every other job waits; changes nothing. "
    + "When the daemon has not written pending_jobs, the job list is computed here, read-only") { jsonOption };
root.Subcommands.Add(run);
root.Subcommands.Add(explain);
root.Subcommands.Add(SatDaemon.Demo.DemoCommand.Build(DemoDaemon.Build));
root.Subcommands.Add(WebCommand.Build(configOption, LoadOrExit, pr => Level(pr, LogLevel.Warning)));

run.SetAction((pr, ct) => RunDaemonAsync(pr, ct));
root.SetAction((pr, ct) => RunDaemonAsync(pr, ct));
explain.SetAction((pr, ct) => WithDatabaseAsync(pr.GetValue(configOption), ct, async config =>
{
    // Warnings only by default: the unstarted daemon's start-up lines would read as if a daemon were running.
    var level = Level(pr, LogLevel.Warning);
    using var host = DaemonHost.Build(config, new DaemonOptions { Once = true }, new DaemonExit(), l => l.SetMinimumLevel(level));
    var daemon = host.Services.GetRequiredService<ProcDaemon>();
    var store = host.Services.GetRequiredService<DaemonStore>();
    return await new Explainer(daemon, store).RunAsync(Console.Out, pr.GetValue(jsonOption), ct);
}));
var parsed = root.Parse(args);
var code = await parsed.InvokeAsync();
// System.CommandLine ends a usage error (an unknown option, -d without a file) with 1; DESIGN §13 says 2.
return parsed.Errors.Count > 0 ? DaemonExit.UsageOrConfig : code;

Task<int> RunDaemonAsync(ParseResult pr, CancellationToken ct) => WithDatabaseAsync(pr.GetValue(configOption), ct, async config =>
{
    var exit = new DaemonExit();
    var level = Level(pr, LogLevel.Information);
    // --once is one pass to look at: no background ingest beside it.
    var once = pr.GetValue(onceOption);
    if (once && pr.GetValue(standbyOption))
    {
        // Asked for both on the command line: a standby waits for the lock, a single pass needs it now. (standby = true
        // in the config with --once is one pass, as on the active host: the lock then says whether it may run.)
        Console.Error.WriteLine("satdaemon: --once and --standby do not go together: a standby waits for the daemon lock, --once runs one pass now");
        return DaemonExit.UsageOrConfig;
    }
    var standby = !once && (pr.GetValue(standbyOption) || config.Parameters.Standby);
    if (standby && SatDbFactory.FromConfig(config).IsSqlite)
    {
        // Exit 2, as a config error: systemd's RestartPreventExitStatus=2 leaves it stopped, a restart cannot help.
        Console.Error.WriteLine("satdaemon: " + DaemonLock.SqliteStandbyRefusal);
        return DaemonExit.UsageOrConfig;
    }
    var options = new DaemonOptions
    {
        PollInterval = config.Parameters.PollInterval, Once = once, Standby = standby, IngestInterval = once ? null : config.Parameters.IngestInterval,
    };
    using var host = DaemonHost.Build(config, options, exit, l => l.SetMinimumLevel(level));
    await host.RunAsync(ct);
    return exit.Code;
});

LogLevel Level(ParseResult pr, LogLevel fallback) => LogVerbosity.Resolve(pr.GetValue(logLevelOption), pr.GetValue(quietOption), fallback);

// A config error (the file, or a database URL found unusable while building the host) is one line and exit 2,
// never a stack trace: systemd's RestartPreventExitStatus=2 then leaves the daemon stopped until the file is fixed.
// A database that cannot be reached, or was never initialised, is one line and exit 1, found before anything opens
// it (opening a SQLite file would create it, empty).
static async Task<int> WithDatabaseAsync(string? path, CancellationToken ct, Func<SatDaemonConfig, Task<int>> body)
{
    if (LoadOrExit(path) is not { } config) return DaemonExit.UsageOrConfig;
    try
    {
        await SatDbFactory.FromConfig(config).EnsureReadyAsync(ct);
        return await body(config);
    }
    catch (ConfigException e)
    {
        Console.Error.WriteLine("satdaemon: " + e.Message);
        return DaemonExit.UsageOrConfig;
    }
    catch (DatabaseUnavailableException e)
    {
        Console.Error.WriteLine("satdaemon: " + e.Message);
        return DaemonExit.Failed;
    }
}

// The config, its security warnings printed; null (its error printed as one line) when it cannot be loaded.
static SatDaemonConfig? LoadOrExit(string? path)
{
    try
    {
        var config = ConfigLoader.Load(path);
        foreach (var warning in ConfigSecurity.Warnings(config)) Console.Error.WriteLine("warning: " + warning);
        return config;
    }
    catch (ConfigException e)
    {
        Console.Error.WriteLine("satdaemon: " + e.Message);
        return null;
    }
}
