using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.ReadModels;

/// <summary>One pending group: a frame's stage waiting for one reason; <paramref name="Backoff"/> for retries whose backoff has not run out at the read time.</summary>
public sealed record PendingGroupRow(string FrameId, string StageName, string? WaitReason, bool Backoff, int Rank, int Count);

/// <summary>What running jobs hold on one machine.</summary>
public sealed record MachineHeldRow(string Machine, int Jobs, int Cpus, double Memory, int Disk);

/// <summary>A frame under ctl hold.</summary>
public sealed record HeldFrameRow(string FrameId, DateTime HeldAt, string? HeldBy);

/// <summary>Everything ctl status reads, as rows; the controller shapes them (SatDaemon.Control's DaemonStatusReader).</summary>
public sealed record StatusRows(
    DaemonTools? Tools,
    IReadOnlyList<RunningJob> Running,
    IReadOnlyList<PendingGroupRow> Pending,
    IReadOnlyList<MachineHeldRow> Held,
    IReadOnlyList<FailedJob> RecentFailures,
    IReadOnlyList<HeldFrameRow> HeldFrames,
    IReadOnlyList<MachineDrain> Drains);

/// <summary>The reads behind ctl status and the console's status: one snapshot, read-only.</summary>
public sealed class StatusQueries(SatDbFactory factory)
{
    /// <param name="frame">One frame's jobs and failures, or null for all; machine use stays whole (machines are shared).</param>
    /// <param name="now">Which retries still wait out their backoff.</param>
    public async Task<StatusRows> ReadAsync(string? frame, DateTime now, int recentFailures, CancellationToken ct)
    {
        await using var db = factory.Create();
        var tools = await db.DaemonTools.AsNoTracking().FirstOrDefaultAsync(ct);
        var running = await db.RunningJobs.AsNoTracking().Where(j => frame == null || j.FrameId == frame).ToListAsync(ct);
        // Grouped in the database: 10^4 pending rows become a few lines.
        var pending = (await db.PendingJobs.AsNoTracking()
                .Where(p => frame == null || p.FrameId == frame)
                .GroupBy(p => new { p.FrameId, p.StageName, p.WaitReason, Backoff = p.NotBefore != null && p.NotBefore > now })
                .Select(g => new { g.Key.FrameId, g.Key.StageName, g.Key.WaitReason, g.Key.Backoff, Rank = g.Min(p => p.StageRank), Count = g.Count() })
                .ToListAsync(ct))
            .Select(g => new PendingGroupRow(g.FrameId, g.StageName, g.WaitReason, g.Backoff, g.Rank, g.Count)).ToList();
        var held = (await db.RunningJobs.AsNoTracking().Select(j => new { j.Machine, j.Cpus, j.Memory, j.Disk }).ToListAsync(ct))
            .GroupBy(j => j.Machine)
            .Select(g => new MachineHeldRow(g.Key, g.Count(), g.Sum(j => j.Cpus), g.Sum(j => j.Memory), g.Sum(j => j.Disk))).ToList();
        var failures = await db.FailedJobs.AsNoTracking()
            .Where(f => frame == null || f.FrameId == frame)
            .OrderByDescending(f => f.FailedAt).ThenByDescending(f => f.Id)
            .Take(recentFailures)
            .ToListAsync(ct);
        var heldFrames = (await db.Frames.AsNoTracking().Where(f => f.HeldAt != null).OrderBy(f => f.Id)
                .Select(f => new { f.Id, f.HeldAt, f.HeldBy }).ToListAsync(ct))
            .Select(f => new HeldFrameRow(f.Id, f.HeldAt!.Value, f.HeldBy)).ToList();
        var drains = await db.MachineDrains.AsNoTracking().OrderBy(d => d.Machine).ToListAsync(ct);
        return new StatusRows(tools, running, pending, held, failures, heldFrames, drains);
    }
}
