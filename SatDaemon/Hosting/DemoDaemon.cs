using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Demo;

namespace SatDaemon.Hosting;

/// <summary>The daemon as `satdaemon demo` runs it: the real host, at the demo's pace, its console on the demo's address.</summary>
public sealed class DemoDaemon : IDemoDaemon
{
    private readonly IHost _host;
    private readonly DaemonExit _exit;

    private DemoDaemon(IHost host, DaemonExit exit)
    {
        _host = host;
        _exit = exit;
    }

    /// <summary>
    /// A pass every 2 s and wake checks four times a second, so the demo's short jobs follow each other quickly;
    /// warnings only, so the demo's live view stays readable.
    /// </summary>
    public static IDemoDaemon Build(SatDaemonConfig config, ListenAddress webListen)
    {
        var exit = new DaemonExit();
        var options = new DaemonOptions { PollInterval = TimeSpan.FromSeconds(2), WakeCheckInterval = TimeSpan.FromMilliseconds(250) };
        return new DemoDaemon(DaemonHost.Build(config, options, exit, l => l.SetMinimumLevel(LogLevel.Warning), webListen), exit);
    }

    public string? ConsoleUrl => _host.Services.GetRequiredService<WebConsoleService>().Url;

    public int ExitCode => _exit.Code;

    public Task RunAsync(CancellationToken ct) => _host.RunAsync(ct);

    public void Dispose() => _host.Dispose();
}
