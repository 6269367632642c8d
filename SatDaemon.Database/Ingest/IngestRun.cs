using SatDaemon.Database.Frames;

namespace SatDaemon.Database.Ingest;

/// <summary>
/// One unattended ingest, the same for the tool and the daemon's ingest_interval: the zips go in
/// (<see cref="FileIngester"/>), then every frame whose bursts got new files gets its new usable dates by
/// update-procdates itself (<see cref="FrameManager.UpdateProcDatesAfterIngestAsync"/>). The caller holds the
/// <see cref="IngestLock"/>.
/// </summary>
public sealed class IngestRun(SatDbFactory factory, int rsarConnections, TimeProvider? time = null)
{
    /// <summary>False: only link files (the old ingest-files); dates wait for update-procdates.</summary>
    public bool UpdateProcDates { get; init; } = true;

    public async Task<IngestReport> RunAsync(string dataDir, IProgress<IngestProgress>? progress = null, CancellationToken ct = default)
    {
        var report = await new FileIngester(factory, time).IngestAsync(dataDir, progress, ct);
        if (!UpdateProcDates) return report;
        var frames = new FrameManager(factory, rsarConnections, time);
        // One transaction per frame, as update-procdates: the frames done before a failure keep their dates.
        foreach (var (frameId, dates) in report.NewDatesByFrame)
            report.FrameDates.Add(await frames.UpdateProcDatesAfterIngestAsync(frameId, dates, ct));
        return report;
    }
}
