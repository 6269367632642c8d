using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Audit;

/// <summary>Reads audit_log for ctl history and the console, newest first.</summary>
public sealed class AuditReader(SatDbFactory factory)
{
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditFilter filter, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var q = db.AuditLog.AsNoTracking();
        if (filter.FrameId is { } frame) q = q.Where(a => a.FrameId == frame);
        if (filter.User is { } user) q = q.Where(a => a.UserName == user);
        if (filter.Since is { } since) q = q.Where(a => a.At >= since);
        // Id breaks ties between entries of one transaction (they share their time) in the order they were made.
        return await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(Math.Max(1, filter.Limit)).ToListAsync(ct);
    }
}
