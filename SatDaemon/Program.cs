using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SatDaemon;
using SatDaemon.Control.CommandLine;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Queries;
using SatDaemon.Hosting;

var configOption = ConfigOption.Create();
var onceOption = new Option<bool>("--once") { Description = "run one pass and exit" };

var root = new RootCommand("satdaemon: runs the Sentinel-1 InSAR processing chain unattended (default command: run)");
root.Options.Add(configOption);
var run = new Command("run", "run the daemon until power-down (ctl power-down) or SIGTERM");
run.Options.Add(onceOption);
root.Options.Add(onceOption);
var explain = new Command("explain", "show what would launch now, where, and why every other job waits; changes nothing");
root.Subcommands.Add(run);
root.Subcommands.Add(explain);
root.Subcommands.Add(SatDaemon.Demo.DemoCommand.Build(DemoDaemon.Build));
root.Subcommands.Add(WebCommand.Build(configOption, LoadOrExit));

run.SetAction((pr, ct) => RunDaemonAsync(pr.GetValue(configOption), pr.GetValue(onceOption), ct));
root.SetAction((pr, ct) => RunDaemonAsync(pr.GetValue(configOption), pr.GetValue(onceOption), ct));
explain.SetAction((pr, ct) => WithConfigAsync(pr.GetValue(configOption), async config =>
{
    using var host = DaemonHost.Build(config, new DaemonOptions { Once = true }, new DaemonExit());
    var daemon = host.Services.GetRequiredService<ProcDaemon>();
    var factory = host.Services.GetRequiredService<SatDbFactory>();
    return await new Explainer(daemon, new JobListBuilder(factory)).RunAsync(Console.Out, ct);
}));
var parsed = root.Parse(args);
var code = await parsed.InvokeAsync();
// System.CommandLine ends a usage error (an unknown option, -d without a file) with 1; DESIGN §13 says 2.
return parsed.Errors.Count > 0 ? DaemonExit.UsageOrConfig : code;

static Task<int> RunDaemonAsync(string? configPath, bool once, CancellationToken ct) => WithConfigAsync(configPath, async config =>
{
    var exit = new DaemonExit();
    using var host = DaemonHost.Build(config, new DaemonOptions { PollInterval = config.Parameters.PollInterval, Once = once }, exit);
    await host.RunAsync(ct);
    return exit.Code;
});

// A config error (the file, or a database URL found unusable while building the host) is one line and exit 2,
// never a stack trace: systemd's RestartPreventExitStatus=2 then leaves the daemon stopped until the file is fixed.
static async Task<int> WithConfigAsync(string? path, Func<SatDaemonConfig, Task<int>> body)
{
    if (LoadOrExit(path) is not { } config) return DaemonExit.UsageOrConfig;
    try
    {
        return await body(config);
    }
    catch (ConfigException e)
    {
        Console.Error.WriteLine("satdaemon: " + e.Message);
        return DaemonExit.UsageOrConfig;
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
