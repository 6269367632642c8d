using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Hosting;

/// <summary>`satdaemon web [--listen HOST:PORT]`: the console on its own, reading the database; works while the daemon is down.</summary>
public static class WebCommand
{
    /// <param name="logLevel">The level --log-level/--quiet ask for, warning when neither is given.</param>
    public static Command Build(Option<string?> configOption, Func<string?, SatDaemonConfig?> loadConfig, Func<ParseResult, LogLevel> logLevel)
    {
        var listen = new Option<string?>("--listen")
        {
            Description = "HOST:PORT to serve on (default: [WEB] listen, else 127.0.0.1:8080; 0.0.0.0 opens it to the network)",
        };
        var cmd = new Command("web", "serve the web console (overview, frames, jobs, maps, /api, /metrics) without running the daemon") { listen };
        cmd.SetAction(async (pr, ct) =>
        {
            var config = loadConfig(pr.GetValue(configOption));
            if (config is null) return DaemonExit.UsageOrConfig;
            var address = config.Web.Listen ?? ListenAddress.Default;
            if (pr.GetValue(listen) is { } text && !ListenAddress.TryParse(text, out address))
            {
                Console.Error.WriteLine($"satdaemon web: --listen '{text}' is not HOST:PORT (e.g. 127.0.0.1:8080)");
                return DaemonExit.UsageOrConfig;
            }
            if (!WebConsole.CanBind(address))
            {
                Console.Error.WriteLine($"satdaemon web: cannot listen on '{address}': give an IP address or localhost");
                return DaemonExit.UsageOrConfig;
            }
            try
            {
                await SatDbFactory.FromConfig(config).EnsureReadyAsync(ct);
            }
            catch (Exception e) when (e is DatabaseUnavailableException or ConfigException)
            {
                Console.Error.WriteLine("satdaemon web: " + e.Message);
                return e is ConfigException ? DaemonExit.UsageOrConfig : DaemonExit.Failed;
            }
            return await ServeAsync(config, address, logLevel(pr), ct);
        });
        return cmd;
    }

    private static async Task<int> ServeAsync(SatDaemonConfig config, ListenAddress address, LogLevel level, CancellationToken ct)
    {
        // A daemon that is built but never run: only its planner is used, read-only, as `explain` does.
        // Warnings only: the unstarted daemon's start-up lines (Teams off, …) would read as if a daemon were running.
        using var host = DaemonHost.Build(config, new DaemonOptions { Once = true }, new DaemonExit(), l => l.SetMinimumLevel(level), webListen: null);
        var factory = host.Services.GetRequiredService<SatDbFactory>();
        var insight = new DaemonInsight(host.Services.GetRequiredService<ProcDaemon>(), host.Services.GetRequiredService<DaemonStore>(),
            TimeProvider.System, healthKnown: false);
        await using var app = WebConsole.Build(new ConsoleData(config, factory, insight, TimeProvider.System), address, l => l.SetMinimumLevel(level));
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"satdaemon web: cannot listen on {address}: {e.Message}");
            return DaemonExit.Failed;
        }
        Console.WriteLine($"SatDaemon console at {WebConsole.Url(app)} (database {factory.Url.DisplayName}); Ctrl-C stops it");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
