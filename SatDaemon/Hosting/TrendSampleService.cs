using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Database.Trends;

namespace SatDaemon.Hosting;

/// <summary>
/// Once a minute, the console's trend sample (queue length by reason, machines' use against budget: history the
/// database does not otherwise keep), through <see cref="TrendSampleWriter"/>, which also deletes samples past its
/// retention. Starts after the daemon's first pass (a daemon refused the lock writes nothing); a failed sample is
/// logged and the next minute tries again.
/// </summary>
public sealed class TrendSampleService(TrendSampleWriter writer, DaemonInsight insight, TimeProvider time, ILogger<TrendSampleService> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (insight.LastPass is null) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            var failedBefore = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await writer.WriteAsync(stoppingToken);
                    failedBefore = false;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    // A database restart costs a few points of a chart; said once, not every minute it lasts.
                    if (!failedBefore) TrendLog.SampleFailed(log, e.GetBaseException().Message);
                    failedBefore = true;
                }
                await Task.Delay(Every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>Log lines of the trend sampler. Event ids 1130-1139; never renumber.</summary>
internal static partial class TrendLog
{
    [LoggerMessage(1130, LogLevel.Warning, "trend sample not written ({Reason}); trying again every minute")]
    public static partial void SampleFailed(ILogger log, string reason);
}
