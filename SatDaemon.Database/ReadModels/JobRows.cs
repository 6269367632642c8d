using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.ReadModels;

/// <summary>
/// One job as the database keeps it: its events, its running row while it runs; once ended, its last failure, the
/// frame and machine its first events name, and the software version it ran with.
/// </summary>
public sealed record JobRows(
    IReadOnlyList<JobEvent> Events,
    RunningJob? Running,
    FailedJob? LastFailure,
    string? FirstFrameId,
    string? FirstMachine,
    string? EndedVersion);

/// <summary>The reads behind ctl show, ctl log and the console's job page; read-only.</summary>
public sealed class JobRowQueries(SatDbFactory factory)
{
    public async Task<JobRows> ReadAsync(long jobId, CancellationToken ct)
    {
        await using var db = factory.Create();
        var events = await db.JobEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Time).ThenBy(e => e.Id).ToListAsync(ct);
        if (await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct) is { } running)
            return new JobRows(events, running, null, null, null, null);
        if (events.Count == 0) return new JobRows(events, null, null, null, null, null);
        var failure = await db.FailedJobs.AsNoTracking().Where(f => f.JobId == jobId).OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);
        var first = events.FirstOrDefault(e => e.FrameId != null);
        var version = failure?.SoftwareVersion ?? await EndedVersionAsync(db, jobId, ct);
        return new JobRows(events, null, failure, first?.FrameId, first?.Machine, version);
    }

    /// <summary>An ended job's version: on its job_usage row, or on the stage it completed (until a later run replaces it).</summary>
    private static async Task<string?> EndedVersionAsync(SatDbContext db, long jobId, CancellationToken ct) =>
        await db.JobUsage.AsNoTracking().Where(u => u.JobId == jobId).Select(u => u.SoftwareVersion).FirstOrDefaultAsync(ct)
        ?? await db.StageVersions.AsNoTracking().Where(v => v.JobId == jobId).Select(v => v.Version).FirstOrDefaultAsync(ct);
}
