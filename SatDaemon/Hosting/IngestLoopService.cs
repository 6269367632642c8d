using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Database;
using SatDaemon.Database.Ingest;

namespace SatDaemon.Hosting;

/// <summary>
/// [PARAMETERS] ingest_interval: the daemon's background ingest, the same <see cref="IngestRun"/> as ingest-files,
/// inside the same <see cref="IngestLock"/>. One iteration per interval, the first after the daemon's first pass; a failing ingest
/// is logged and tried again at the next interval, never stopping the daemon; only cancellation ends the loop.
/// </summary>
public sealed class IngestLoopService(SatDaemonConfig config, SatDbFactory factory, TimeSpan interval, DaemonInsight insight, TimeProvider time,
    ILogger<IngestLoopService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // data_dir relative to the config's folder, as ingest-files takes it.
        var dataDir = Path.GetFullPath(Path.Combine(config.Directory, config.Parameters.DataDir));
        IngestLog.Scheduled(log, dataDir, interval.TotalMinutes);
        try
        {
            // Not before this daemon's first pass: a daemon refused by the database lock (another one runs) must not
            // ingest on its way out. Polling also keeps it off the host's start-up path.
            while (insight.LastPass is null) await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(dataDir, stoppingToken);
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an ingest cut short loses at most its uncommitted batch, and the next run redoes it.
        }
    }

    /// <summary>One ingest; returns normally whatever happened to it, except cancellation.</summary>
    private async Task RunOnceAsync(string dataDir, CancellationToken ct)
    {
        try
        {
            if (!Directory.Exists(dataDir))
            {
                IngestLog.NoDataDir(log, dataDir);
                return;
            }
            await using var held = await IngestLock.AcquireAsync(factory, wait: false, time, ct);
            var started = time.GetTimestamp();
            var report = await new IngestRun(factory, config.Parameters.RsarConnections, time).RunAsync(dataDir, null, ct);
            var ms = (long)time.GetElapsedTime(started).TotalMilliseconds;
            // Most runs find nothing: at info that would be a line every interval, for ever.
            if (report.Added == 0 && !report.Incomplete) IngestLog.NothingNew(log, report.Found, ms);
            else IngestLog.Done(log, report.Found, report.Added, report.Rejected.Count, report.Unreadable.Count, ms);
            foreach (var bad in report.Rejected) IngestLog.Rejected(log, bad.FilePath, bad.Reason);
            foreach (var f in report.FrameDates)
            {
                if (f.Skipped is { } why) IngestLog.FrameSkipped(log, f.FrameId, why, report.NewDatesByFrame[f.FrameId].Count);
                else if (f.DatesAdded.Count > 0) IngestLog.DatesAdded(log, f.FrameId, string.Join(", ", f.DatesAdded.Select(Iso)), f.Update?.RsarIfgAdded.Count ?? 0);
                foreach (var p in f.Partial)
                    IngestLog.PartialDate(log, f.FrameId, Iso(p.Date), p.MissingBursts.Count, p.FrameBursts, string.Join(", ", p.MissingSwaths));
            }
        }
        catch (IngestLockHeldException e)
        {
            // An operator's ingest-files or the timer is at it: the same work, done once.
            IngestLog.Held(log, e.Situation);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            IngestLog.Failed(log, interval.TotalMinutes, e);
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
