using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Digest;

/// <summary>
/// The daily Teams digest's storage: what happened to each frame on one UTC day, and the claim that the day's digest
/// is being sent (daemon_tools.digest_sent_day, written here only), so a restarted daemon never sends it twice.
/// </summary>
public sealed class DailyDigest(SatDbFactory factory)
{
    /// <summary>
    /// Frames with anything on <paramref name="day"/> (UTC): master/ifg rows created (dates added), master/ifg rows
    /// complete and last changed that day (dates processed), failed_jobs of that day. Frames with nothing are left out.
    /// </summary>
    public async Task<IReadOnlyList<FrameDigest>> ReadAsync(DateOnly day, CancellationToken ct = default)
    {
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);
        await using var db = factory.Create();
        var added = await db.Master.Where(m => m.CreatedAt >= from && m.CreatedAt < to).Select(m => new { m.FrameId, m.Date })
            .Concat(db.Ifg.Where(i => i.CreatedAt >= from && i.CreatedAt < to).Select(i => new { i.FrameId, i.Date })).ToListAsync(ct);
        var processed = await db.Master.Where(m => m.ProcStatus == ProcStatus.Complete && m.UpdatedAt >= from && m.UpdatedAt < to).Select(m => new { m.FrameId, m.Date })
            .Concat(db.Ifg.Where(i => i.ProcStatus == ProcStatus.Complete && i.UpdatedAt >= from && i.UpdatedAt < to).Select(i => new { i.FrameId, i.Date })).ToListAsync(ct);
        var failed = await db.FailedJobs.Where(f => f.FailedAt >= from && f.FailedAt < to).Select(f => new { f.FrameId, f.JobType, f.Date, f.Date2 }).ToListAsync(ct);
        var frames = added.Select(a => a.FrameId).Concat(processed.Select(p => p.FrameId)).Concat(failed.Select(f => f.FrameId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return frames.Select(id => new FrameDigest(id,
            added.Where(a => a.FrameId == id).Select(a => a.Date).Distinct().Order().ToList(),
            processed.Where(p => p.FrameId == id).Select(p => p.Date).Distinct().Order().ToList(),
            failed.Where(f => f.FrameId == id).Select(f => $"{f.JobType} {Day(f.Date)}{(f.Date2 is { } d2 ? "_" + Day(d2) : "")}".TrimEnd()).ToList())).ToList();
    }

    /// <summary>
    /// Claims <paramref name="day"/>'s digest: true for the first caller, false when it was claimed before (by this
    /// daemon before a restart). Claimed before sending: a digest lost to a crash mid-send is better than one sent twice.
    /// </summary>
    public async Task<bool> ClaimAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        return await db.DaemonTools.Where(d => d.Id == 1 && (d.DigestSentDay == null || d.DigestSentDay < day))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DigestSentDay, day), ct) == 1;
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
