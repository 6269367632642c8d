using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;

namespace SatDaemon.Database.Jobs;

/// <summary>One ended run's measured use and the budget it held, as job_usage keeps it.</summary>
public sealed record UsageRun(long JobId, string JobType, string FrameId, string Machine, DateTime EndedAt, bool Success,
    double WallS, double CpuS, double MeanCores, double PeakRssMb, double ReadMb, double WriteMb, int BudgetCpus, double BudgetMemory, int BudgetDisk);

/// <summary>Reads job_usage (written by <see cref="JobStore"/> with each job's end) for the usage report.</summary>
public sealed class JobUsageHistory(SatDbFactory factory)
{
    /// <summary>Runs ended at or after <paramref name="since"/> (all when null), of one job type and/or frame when given, oldest first.</summary>
    /// <exception cref="FrameException">The frame does not exist (a typo would otherwise look like "no runs").</exception>
    public async Task<IReadOnlyList<UsageRun>> ReadAsync(string? jobType, string? frameId, DateTime? since, CancellationToken ct)
    {
        await using var db = factory.Create();
        if (frameId is not null && !await db.Frames.AnyAsync(f => f.Id == frameId, ct)) throw new FrameException($"unknown frame {frameId}");
        var q = db.JobUsage.AsNoTracking();
        if (jobType is not null) q = q.Where(u => u.JobType == jobType);
        if (frameId is not null) q = q.Where(u => u.FrameId == frameId);
        if (since is { } s) q = q.Where(u => u.EndedAt >= s);
        return await q.OrderBy(u => u.EndedAt).ThenBy(u => u.Id)
            .Select(u => new UsageRun(u.JobId, u.JobType, u.FrameId, u.Machine, u.EndedAt, u.Success, u.WallS, u.CpuS, u.MeanCores,
                u.PeakRssMb, u.ReadMb, u.WriteMb, u.BudgetCpus, u.BudgetMemory, u.BudgetDisk))
            .ToListAsync(ct);
    }
}
