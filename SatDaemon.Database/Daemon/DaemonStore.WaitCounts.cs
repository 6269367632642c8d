using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Daemon;

// What the console shows of the queue without planning: the reasons the last plan stored on the rows.
public sealed partial class DaemonStore
{
    /// <summary>
    /// Pending jobs by the wait_reason the daemon's last plan stored on them (null: not planned yet) and whether they
    /// wait out a retry backoff at <paramref name="nowUtc"/>: one GROUP BY, so a page that polls every 2 s never plans
    /// 10^4 jobs (DESIGN §14: the console shows the daemon's last pass).
    /// </summary>
    public async Task<IReadOnlyList<(string? Reason, bool BackingOff, int Count)>> StoredWaitReasonsAsync(DateTime nowUtc, CancellationToken ct)
    {
        await using var db = _factory.Create();
        var rows = await db.PendingJobs.AsNoTracking()
            .GroupBy(p => new { p.WaitReason, Backoff = p.NotBefore != null && p.NotBefore > nowUtc })
            .Select(g => new { g.Key.WaitReason, g.Key.Backoff, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => (r.WaitReason, r.Backoff, r.Count)).ToList();
    }
}
