using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Model;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Web.Data;

/// <summary>The Jobs page and /api/jobs. Every list is bounded: pending and history can hold 10^4–10^6 rows.</summary>
public sealed class JobQueries(SatDbFactory factory)
{
    public const int PendingLimit = 500;
    public const int FailedLimit = 200;
    public const int HistoryLimit = 200;

    /// <summary>
    /// Jobs that used more than their budget since <paramref name="since"/> (job_events over_budget, which job exec's
    /// measured use produces), counted by job type: how a machine gets overloaded, for the overview.
    /// </summary>
    public async Task<IReadOnlyList<(string JobType, int Count)>> OverBudgetByTypeAsync(DateTime since, CancellationToken ct)
    {
        await using var db = factory.Create();
        var rows = await db.JobEvents.AsNoTracking().Where(e => e.Kind == JobEventKinds.OverBudget && e.Time >= since)
            .GroupBy(e => e.JobType).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.Key ?? "?", r.Count)).OrderByDescending(r => r.Count).ThenBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }

    public async Task<JobsView> ReadAsync(JobFilter filter, WaitReasons? reasons, CancellationToken ct)
    {
        await using var db = factory.Create();
        var running = db.RunningJobs.AsNoTracking();
        var pending = db.PendingJobs.AsNoTracking();
        var failed = db.FailedJobs.AsNoTracking();
        var events = db.JobEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Frame))
        {
            running = running.Where(j => j.FrameId == filter.Frame);
            pending = pending.Where(j => j.FrameId == filter.Frame);
            failed = failed.Where(j => j.FrameId == filter.Frame);
            events = events.Where(e => e.FrameId == filter.Frame);
        }
        if (!string.IsNullOrEmpty(filter.Type))
        {
            running = running.Where(j => j.JobType == filter.Type);
            pending = pending.Where(j => j.JobType == filter.Type);
            failed = failed.Where(j => j.JobType == filter.Type);
            // job_events has no type column; its launched/finished/failed messages start with the job type.
            var prefix = filter.Type + " ";
            events = events.Where(e => e.Message != null && e.Message.StartsWith(prefix));
        }
        if (!string.IsNullOrEmpty(filter.Machine))
        {
            running = running.Where(j => j.Machine == filter.Machine);
            pending = pending.Where(_ => false); // a pending job has no machine yet
            failed = failed.Where(j => j.Machine == filter.Machine);
            events = events.Where(e => e.Machine == filter.Machine);
        }

        var runningRows = (await running.ToListAsync(ct)).OrderBy(j => j.Machine, StringComparer.Ordinal).ThenBy(j => j.Id).Select(RunningJobStatus.Of).ToList();
        var pendingTotal = await pending.CountAsync(ct);
        // The daemon's own order: priority first, then later stages, then older dates.
        var pendingRows = (await pending.OrderByDescending(p => p.Priority).ThenByDescending(p => p.StageRank).ThenBy(p => p.Date).ThenBy(p => p.Id)
                .Take(PendingLimit).ToListAsync(ct))
            .Select(PendingQueries.View)
            .ToList();
        var failedRows = (await failed.OrderByDescending(f => f.FailedAt).ThenByDescending(f => f.Id).Take(FailedLimit).ToListAsync(ct))
            .Select(FailedJobStatus.Of).ToList();
        var history = (await events.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).Take(HistoryLimit).ToListAsync(ct))
            .Select(EventView).ToList();
        return new JobsView(filter, runningRows, pendingRows, pendingTotal, reasons, failedRows, history);
    }


    /// <summary>
    /// The jobs the frames map's tips link to: every running job and every failure not yet retried, each with its frame
    /// (a few hundred rows at scale: one running job per slot, failures until someone retries them).
    /// </summary>
    public async Task<IReadOnlyList<MapJob>> MapJobsAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var running = await db.RunningJobs.AsNoTracking().OrderBy(j => j.Id)
            .Select(j => new MapJob(j.Id, j.FrameId, j.JobType, j.Date, j.Date2, false)).ToListAsync(ct);
        var failed = await db.FailedJobs.AsNoTracking().Where(f => !f.Retried).OrderByDescending(f => f.FailedAt).ThenByDescending(f => f.Id)
            .Select(f => new MapJob(f.JobId, f.FrameId, f.JobType, f.Date, f.Date2, true)).ToListAsync(ct);
        return [.. running, .. failed];
    }

    internal static JobEventView EventView(JobEvent e) => new(e.Id, e.JobId, e.Kind, e.FrameId, e.Machine, e.Message, Utc.Of(e.Time));
}
