using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Hosting;

/// <summary>
/// The console, /metrics and /healthz inside the daemon ([WEB] listen). A Kestrel app of its own beside the pass
/// loop: a console that fails to bind is logged and left off, never a reason to stop processing.
/// </summary>
public sealed class WebConsoleService(ConsoleData data, ListenAddress listen, ILogger<WebConsoleService> log) : IHostedService
{
    private WebApplication? _app;

    /// <summary>The console's URL once started; null when it is off or failed to start.</summary>
    public string? Url { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var app = WebConsole.Build(data, listen);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            DaemonLog.WebConsoleFailed(log, listen.ToString(), e);
            await app.DisposeAsync();
            return;
        }
        _app = app;
        Url = WebConsole.Url(app);
        DaemonLog.WebConsoleListening(log, Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is null) return;
        await _app.StopAsync(cancellationToken);
        await _app.DisposeAsync();
    }
}
