using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Control.Teams;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Digest;
using SatDaemon.Database.Trends;
using SatDaemon.Machines;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Hosting;

/// <summary>Composes the daemon on the generic host: systemd integration (Type=notify), console logging, the pass loop.</summary>
public static class DaemonHost
{
    /// <exception cref="ConfigException">The database URL cannot be used: thrown here, before the host exists, so the caller
    /// can print one line and exit 2 rather than have the host log a start failure with a stack trace.</exception>
    /// <param name="webListen">Where to serve the console in-process instead of [WEB] listen (the demo's); null: [WEB] listen, if any.</param>
    public static IHost Build(SatDaemonConfig config, DaemonOptions options, DaemonExit exit, Action<ILoggingBuilder>? logging = null,
        ListenAddress? webListen = null)
    {
        var factory = SatDbFactory.FromConfig(config);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSystemd();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // EF Core's per-command logging would drown the decisions the daemon explains.
        builder.Logging.AddFilter(SatDbFactory.LogCategory, LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning); // would log the webhook URL
        logging?.Invoke(builder.Logging);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(exit);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<ITeamsNotifier>(sp => new TeamsNotifier(
            TeamsWebhookResolver.Apply(new TeamsOptions { WebhookUrl = config.Parameters.TeamsWebhook }),
            sp.GetRequiredService<ILogger<TeamsNotifier>>(), null, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IReadOnlyList<ProcMachine>>(sp =>
            config.Machines.Select(m => ProcMachine.Create(m, sp.GetRequiredService<TimeProvider>())).ToList());
        builder.Services.AddSingleton(sp => new DaemonStore(factory, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ProcDaemon>();
        builder.Services.AddSingleton(sp => new DaemonInsight(sp.GetRequiredService<ProcDaemon>(), sp.GetRequiredService<DaemonStore>(),
            sp.GetRequiredService<TimeProvider>(), healthKnown: true));
        builder.Services.AddSingleton(sp =>
        {
            var log = sp.GetRequiredService<ILogger<ProcDaemonService>>();
            return new PassWakeup(factory, sp.GetRequiredService<TimeProvider>(), options.WakeupReconnectInterval,
                lost: e => DaemonLog.WakeupLost(log, e.GetBaseException().Message, options.WakeCheckInterval.TotalSeconds, options.WakeupReconnectInterval.TotalSeconds),
                back: () => DaemonLog.WakeupBack(log));
        });
        builder.Services.AddHostedService<ProcDaemonService>();
        // Its own loop, so a long ingest never holds a pass; the dates it adds reach the passes through their frames' marks
        // in joblist_dirty_frames (FrameManager marks each frame it changes), not through recreate_joblist.
        if (options.IngestInterval is { } every)
            builder.Services.AddHostedService(sp => new IngestLoopService(config, factory, every, sp.GetRequiredService<DaemonInsight>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<IngestLoopService>>()));
        // The console's trend samples (trend_samples): a daemon that runs one pass (--once, satdaemon web) writes none.
        if (!options.Once)
            builder.Services.AddHostedService(sp => new TrendSampleService(
                new TrendSampleWriter(factory, config.Machines, sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<DaemonInsight>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TrendSampleService>>()));
        // The daily digest: a daemon that runs one pass (--once, satdaemon web) has no day to wait for.
        if (config.Teams.DigestHour is { } hour && !options.Once)
            builder.Services.AddHostedService(sp => new TeamsDigestService(new DailyDigest(factory), sp.GetRequiredService<ITeamsNotifier>(), hour,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TeamsDigestService>>()));
        // After the pass loop, so the console starts once the daemon has its lock attempt under way; it only reads.
        if ((webListen ?? config.Web.Listen) is { } listen)
        {
            builder.Services.AddSingleton(sp => new WebConsoleService(
                new ConsoleData(config, sp.GetRequiredService<SatDbFactory>(), sp.GetRequiredService<DaemonInsight>(), sp.GetRequiredService<TimeProvider>()),
                listen, sp.GetRequiredService<ILogger<WebConsoleService>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WebConsoleService>());
        }
        return builder.Build();
    }
}
