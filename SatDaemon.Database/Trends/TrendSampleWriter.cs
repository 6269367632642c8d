using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Trends;

/// <summary>
/// The one writer of trend_samples: once a minute (the daemon's TrendSampleService calls <see cref="WriteAsync"/>) a
/// cluster row (running, pending, pending by first wait reason) and the machines' use against budget; rows older than
/// <see cref="Retention"/> are deleted in the same call. Compact: a machine's row is written only when what it holds
/// changed, or an hour after its last row, so an idle cluster of 200 machines adds 200 rows an hour, not 12,000.
/// </summary>
public sealed class TrendSampleWriter(SatDbFactory factory, IReadOnlyList<MachineOptions> machines, TimeProvider time)
{
    /// <summary>35 days: the console's longest window (30 d) and some margin for a look back.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(35);

    /// <summary>A machine whose use did not change is written again after this: readers look back this far before a window.</summary>
    public static readonly TimeSpan MachineRefresh = TimeSpan.FromHours(1);

    /// <summary>The reason of a pending job the daemon has not planned yet (no wait_reason on its row).</summary>
    public const string NotPlanned = "not planned yet";

    /// <summary>The reason of a retry still waiting out its backoff.</summary>
    public const string Backoff = "retry backoff";

    private readonly Dictionary<string, (DateTime At, TrendSample Row)> _lastMachineRow = new(StringComparer.Ordinal);

    /// <summary>Writes one sample (and deletes expired ones); returns the rows written.</summary>
    public async Task<int> WriteAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = factory.Create();
        var held = await db.RunningJobs.AsNoTracking().GroupBy(j => j.Machine)
            .Select(g => new { Machine = g.Key, Jobs = g.Count(), Cpus = g.Sum(j => j.Cpus), Memory = g.Sum(j => j.Memory), Disk = g.Sum(j => j.Disk) })
            .ToDictionaryAsync(g => g.Machine, ct);
        var pending = await db.PendingJobs.AsNoTracking()
            .GroupBy(p => new { p.WaitReason, Backoff = p.NotBefore != null && p.NotBefore > now })
            .Select(g => new { g.Key.WaitReason, g.Key.Backoff, Count = g.Count() }).ToListAsync(ct);

        var byReason = pending
            .GroupBy(p => p.Backoff ? Backoff : FirstReason(p.WaitReason), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Count), StringComparer.Ordinal);
        var rows = new List<TrendSample>
        {
            new()
            {
                At = now, Running = held.Values.Sum(h => h.Jobs), Pending = pending.Sum(p => p.Count), Reasons = FormatReasons(byReason),
                Cpus = held.Values.Sum(h => h.Cpus), Memory = held.Values.Sum(h => h.Memory), Disk = held.Values.Sum(h => h.Disk),
                CpusBudget = machines.Sum(m => m.Cpus), MemoryBudget = machines.Sum(m => m.Memory), DiskBudget = machines.Sum(m => m.Disk),
            },
        };
        foreach (var m in machines)
        {
            var h = held.GetValueOrDefault(m.Name);
            var row = new TrendSample
            {
                At = now, Machine = m.Name, Running = h?.Jobs ?? 0, Cpus = h?.Cpus ?? 0, Memory = h?.Memory ?? 0, Disk = h?.Disk ?? 0,
                CpusBudget = m.Cpus, MemoryBudget = m.Memory, DiskBudget = m.Disk,
            };
            if (_lastMachineRow.TryGetValue(m.Name, out var last) && now - last.At < MachineRefresh && Same(last.Row, row)) continue;
            _lastMachineRow[m.Name] = (now, row);
            rows.Add(row);
        }
        db.TrendSamples.AddRange(rows);
        await db.SaveChangesAsync(ct);
        var expired = now - Retention;
        await db.TrendSamples.Where(s => s.At < expired).ExecuteDeleteAsync(ct);
        return rows.Count;
    }

    /// <summary>"memory,unavailable" → "memory": each job is counted once, under the first reason the plan gave.</summary>
    public static string FirstReason(string? waitReason) =>
        string.IsNullOrWhiteSpace(waitReason) ? NotPlanned : waitReason.Split(',')[0].Trim();

    /// <summary>"cpus=3;memory=9", sorted by reason; reasons never hold '=' or ';' (they are the planner's category names).</summary>
    public static string FormatReasons(IReadOnlyDictionary<string, int> byReason) =>
        string.Join(";", byReason.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + "=" + r.Value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The inverse of <see cref="FormatReasons"/>; a malformed part is skipped.</summary>
    public static IReadOnlyDictionary<string, int> ParseReasons(string? text)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq > 0 && int.TryParse(part.AsSpan(eq + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) result[part[..eq]] = n;
        }
        return result;
    }

    private static bool Same(TrendSample a, TrendSample b) =>
        a.Running == b.Running && a.Cpus == b.Cpus && a.Memory.Equals(b.Memory) && a.Disk == b.Disk
        && a.CpusBudget == b.CpusBudget && a.MemoryBudget.Equals(b.MemoryBudget) && a.DiskBudget == b.DiskBudget;
}
