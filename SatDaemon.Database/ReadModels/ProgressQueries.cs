using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.ReadModels;

/// <summary>How far processing has come, counted from the tables, for the demo's summary.</summary>
public sealed record ProgressCounts(int Launched, int Finished, int Failed, int StageRows, int StageRowsComplete);

/// <summary>Read-only counts and lists for the demo (SatDaemon.Demo), so that it needs no EF of its own.</summary>
public sealed class ProgressQueries(SatDbFactory factory)
{
    /// <summary>What the demo's live line shows each second: the running jobs, how many finished, how many pending.</summary>
    public async Task<(IReadOnlyList<RunningJob> Running, int Finished, int Pending)> LiveAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var running = await db.RunningJobs.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var finished = await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Finished, ct);
        var pending = await db.PendingJobs.CountAsync(ct);
        return (running, finished, pending);
    }

    /// <summary>For the summary: launches and ends from job_events and failed_jobs; master, ifg and rsar_ifg rows and how many are complete.</summary>
    public async Task<ProgressCounts> CountAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var launched = await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Launched, ct);
        var finished = await db.JobEvents.CountAsync(e => e.Kind == JobEventKinds.Finished, ct);
        var failed = await db.FailedJobs.CountAsync(ct);
        var rows = await db.Master.CountAsync(ct) + await db.Ifg.CountAsync(ct) + await db.RsarIfg.CountAsync(ct);
        var done = await db.Master.CountAsync(r => r.ProcStatus == ProcStatus.Complete, ct) + await db.Ifg.CountAsync(r => r.ProcStatus == ProcStatus.Complete, ct)
                   + await db.RsarIfg.CountAsync(r => r.ProcStatus == ProcStatus.Complete, ct);
        return new ProgressCounts(launched, finished, failed, rows, done);
    }

    /// <summary>The first <paramref name="count"/> bursts of a track in along-track order.</summary>
    public async Task<List<string>> BurstsOfTrackAsync(int track, int count, CancellationToken ct)
    {
        await using var db = factory.Create();
        return await db.Bursts.Where(b => b.Track == track).OrderBy(b => b.AnxId).Select(b => b.Id).Take(count).ToListAsync(ct);
    }

    /// <summary>Whether the frame's time series has completed its last stage (<paramref name="lastTsStage"/>).</summary>
    public async Task<bool> TimeSeriesCompleteAsync(string frameId, int lastTsStage, CancellationToken ct)
    {
        await using var db = factory.Create();
        var f = await db.Frames.AsNoTracking().SingleAsync(x => x.Id == frameId, ct);
        return f.TsStage == lastTsStage && f.TsStatus == ProcStatus.Complete;
    }
}
