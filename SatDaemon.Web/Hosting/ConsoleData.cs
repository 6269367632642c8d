using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Web.Data;

namespace SatDaemon.Web.Hosting;

/// <summary>What every page and API endpoint reads through: the status of ctl status, the console's queries, the daemon's insight.</summary>
public sealed class ConsoleData(SatDaemonConfig config, SatDbFactory factory, IDaemonInsight insight, TimeProvider time)
{
    public SatDaemonConfig Config => config;
    public SatDbFactory Factory => factory;
    public IDaemonInsight Insight => insight;
    public TimeProvider Time => time;
    public FrameQueries Frames { get; } = new(factory);
    public JobQueries Jobs { get; } = new(factory);
    public BurstQueries Bursts { get; } = new(factory);
    public PendingQueries Pending { get; } = new(factory);
    public JobPageQueries JobPages { get; } = new(factory);
    public Trends.TrendQueries Trends { get; } = new(factory);
    public ImageQueries Images => new(factory, Frames);

    /// <summary>Exactly what `ctl status` reads, so /api/status and `ctl status --json` are one shape.</summary>
    public Task<DaemonStatus> StatusAsync(CancellationToken ct) =>
        new SatDaemonController(factory, time).GetStatusAsync(config.Machines, config.Parameters.PollInterval, ct);
}
