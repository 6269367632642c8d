using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database;

namespace SatDaemon.Web.Data;

/// <summary>One job for its page, read as `ctl show` reads it, plus its measured use; and the holds the pages mark.</summary>
public sealed class JobPageQueries(SatDbFactory factory)
{
    /// <summary>The job, or null when no job has that id (neither running nor in job_events).</summary>
    public async Task<JobPageView?> ReadAsync(long jobId, CancellationToken ct)
    {
        JobDetails details;
        try { details = await new SatDaemonController(factory).ShowJobAsync(jobId, ct); }
        catch (NotFoundException) { return null; }
        await using var db = factory.Create();
        var slurm = await db.RunningJobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => j.SlurmJobId).FirstOrDefaultAsync(ct);
        var tail = await db.FailedJobs.AsNoTracking().Where(f => f.JobId == jobId).OrderByDescending(f => f.Id).Select(f => f.LogTail).FirstOrDefaultAsync(ct);
        var usage = (await db.JobUsage.AsNoTracking().Where(u => u.JobId == jobId).OrderBy(u => u.Id).ToListAsync(ct))
            .Select(u => new JobUsageView(Utc.Of(u.EndedAt), u.Success, u.Machine, u.WallS, u.MeanCores, u.PeakRssMb, u.ReadMb, u.WriteMb,
                u.BudgetCpus, u.BudgetMemory, u.BudgetDisk)).ToList();
        return new JobPageView(details, slurm, tail, usage);
    }

    /// <summary>Frames on ctl hold: id → "by USER since TIME".</summary>
    public async Task<IReadOnlyDictionary<string, string>> HeldFramesAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var held = await db.Frames.AsNoTracking().Where(f => f.HeldAt != null).Select(f => new { f.Id, f.HeldAt, f.HeldBy }).ToListAsync(ct);
        return held.ToDictionary(f => f.Id, f => $"held by {f.HeldBy ?? "?"} since {Html.Format.Time(Utc.Of(f.HeldAt!.Value))}", StringComparer.Ordinal);
    }

    /// <summary>"held by USER since TIME", or null when the frame is not on hold.</summary>
    public async Task<string?> FrameHoldAsync(string frameId, CancellationToken ct)
    {
        await using var db = factory.Create();
        var f = await db.Frames.AsNoTracking().Where(x => x.Id == frameId && x.HeldAt != null).Select(x => new { x.HeldAt, x.HeldBy }).FirstOrDefaultAsync(ct);
        return f is null ? null : $"held by {f.HeldBy ?? "?"} since {Html.Format.Time(Utc.Of(f.HeldAt!.Value))}";
    }
}
