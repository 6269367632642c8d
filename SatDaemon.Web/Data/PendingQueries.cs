using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Model;

namespace SatDaemon.Web.Data;

/// <summary>
/// Pending jobs with why they wait, read from what the daemon's last plan stored on each row (pending_jobs.wait_reason,
/// wait_detail): no page plans the job list itself. Every list is bounded; summaries are GROUP BY queries.
/// </summary>
public sealed class PendingQueries(SatDbFactory factory)
{
    /// <summary>Pending jobs in the daemon's order (priority, later stages, older dates), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PendingJobView>> ListAsync(string? frame, string? type, int limit, CancellationToken ct)
    {
        await using var db = factory.Create();
        var q = db.PendingJobs.AsNoTracking();
        if (!string.IsNullOrEmpty(frame)) q = q.Where(p => p.FrameId == frame);
        if (!string.IsNullOrEmpty(type)) q = q.Where(p => p.JobType == type);
        return (await q.OrderByDescending(p => p.Priority).ThenByDescending(p => p.StageRank).ThenBy(p => p.Date).ThenBy(p => p.Id)
            .Take(limit).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<PendingJobView?> FindAsync(long id, CancellationToken ct)
    {
        await using var db = factory.Create();
        return await db.PendingJobs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? View(p) : null;
    }

    /// <summary>Counts by first reason (a job once), backoff and not-yet-planned apart, and the jobs that can never run by type and cause.</summary>
    public async Task<PendingSummary> SummaryAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = factory.Create();
        var groups = await db.PendingJobs.AsNoTracking()
            .GroupBy(p => new { p.WaitReason, Backoff = p.NotBefore != null && p.NotBefore > nowUtc })
            .Select(g => new { g.Key.WaitReason, g.Key.Backoff, Count = g.Count() }).ToListAsync(ct);
        var never = await db.PendingJobs.AsNoTracking()
            .Where(p => (p.WaitReason == WaitCategories.TooBig || p.WaitReason == WaitCategories.OnlyDrained) && !(p.NotBefore != null && p.NotBefore > nowUtc))
            .GroupBy(p => new { p.JobType, p.WaitDetail }).Select(g => new { g.Key.JobType, g.Key.WaitDetail, Count = g.Count() }).ToListAsync(ct);

        var byFirst = groups.Where(g => !g.Backoff && g.WaitReason is not null && !WaitCategories.CanNeverRun(g.WaitReason))
            .GroupBy(g => WaitCategories.First(g.WaitReason)!, StringComparer.Ordinal)
            .Select(g => (Reason: g.Key, Count: g.Sum(x => x.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal).ToList();
        var neverRun = never
            .GroupBy(n => (n.JobType, Cause: WaitCategories.Cause(n.WaitDetail ?? "")))
            .Select(g => new NeverRunGroup(g.Key.JobType, g.Key.Cause, g.Sum(x => x.Count)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.JobType, StringComparer.Ordinal).ToList();
        return new PendingSummary(groups.Sum(g => g.Count), groups.Where(g => g.Backoff).Sum(g => g.Count),
            groups.Where(g => !g.Backoff && g.WaitReason is null).Sum(g => g.Count), byFirst, neverRun);
    }

    internal static PendingJobView View(PendingJob p) => new(p.Id, p.FrameId, p.JobType, p.StageName, p.Date, p.Date2, p.Priority,
        Utc.Of(p.QueuedAt), p.NotBefore is { } nb ? Utc.Of(nb) : null, p.Attempt, p.WaitReason, p.WaitDetail);
}
