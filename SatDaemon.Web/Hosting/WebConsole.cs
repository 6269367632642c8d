using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Web.Access;
using SatDaemon.Web.Metrics;

namespace SatDaemon.Web.Hosting;

/// <summary>
/// Composes the console on Kestrel: sign-in and the viewing gate, pages, the controls, /api, /metrics, /healthz. Used by
/// `satdaemon web`, the daemon and the demo.
/// </summary>
public static class WebConsole
{
    public static WebApplication Build(ConsoleData data, ListenAddress listen, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; });
        // Request logs would drown the daemon's decisions; failures still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Sign-ins and changes are what an operator looks for afterwards: kept at info (AccessLog, events 4000-4099).
        builder.Logging.AddFilter("SatDaemon.Web.Access", LogLevel.Information);
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseKestrel(k =>
        {
            if (listen.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) k.ListenLocalhost(listen.Port);
            else k.Listen(IPAddress.Parse(listen.Host), listen.Port);
        });
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton<ConsoleWarmup>();
        builder.Services.AddSingleton(new ConsoleMetrics(data.Factory, data.Insight, data.StatusAsync));
        ConsoleAccess.AddServices(builder.Services, data.Config.Web, data.Time);
        var app = builder.Build();
        ConsoleAccess.Use(app);
        UnchangedCheck.Use(app);
        PageEndpoints.Map(app);
        TrendEndpoints.Map(app);
        MapEndpoints.Map(app);
        SignInEndpoints.Map(app);
        ControlEndpoints.Map(app);
        JobEndpoints.Map(app);
        ApiEndpoints.Map(app);
        OpsEndpoints.Map(app);
        ConsoleWarmup.Use(app);
        return app;
    }

    /// <summary>The URL the console answers on once started (the real port when 0 was asked for).</summary>
    public static string Url(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("the console has not started");
        return address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost");
    }

    /// <summary>Whether HOST of [WEB] listen / --listen is one Kestrel can bind (an IP address or localhost).</summary>
    public static bool CanBind(ListenAddress listen) =>
        listen.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(listen.Host, out _);
}
