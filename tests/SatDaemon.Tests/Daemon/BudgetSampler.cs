using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Configuration;

namespace SatDaemon.Tests.Daemon;

/// <summary>Samples running_jobs every 100 ms and remembers any moment a machine held more than its budget.</summary>
public sealed class BudgetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;

    public BudgetSampler(SatDbFactory factory, IReadOnlyList<MachineOptions> machines)
    {
        _loop = Task.Run(async () =>
        {
            while (!_cts.IsCancellationRequested)
            {
                try
                {
                    await using var db = factory.Create();
                    var rows = await db.RunningJobs.AsNoTracking().Select(r => new { r.Machine, r.Cpus, r.Memory, r.Disk }).ToListAsync(_cts.Token);
                    Samples++;
                    foreach (var g in rows.GroupBy(r => r.Machine))
                    {
                        var m = machines.Single(x => x.Name == g.Key);
                        MaxConcurrent = Math.Max(MaxConcurrent, g.Count());
                        if (g.Sum(r => r.Cpus) > m.Cpus || g.Sum(r => r.Memory) > m.Memory + 1e-9 || g.Sum(r => r.Disk) > m.Disk)
                            Violations.Add($"{g.Key}: {g.Sum(r => r.Cpus)} cpus, {g.Sum(r => r.Memory)} GB, disk {g.Sum(r => r.Disk)} > budget {m.Cpus}/{m.Memory}/{m.Disk}");
                    }
                    await Task.Delay(100, _cts.Token);
                }
                catch (OperationCanceledException) { break; }
                catch (Exception) { await Task.Delay(200); } // database restarting in fault tests: keep sampling
            }
        });
    }

    public int Samples { get; private set; }
    public int MaxConcurrent { get; private set; }
    public List<string> Violations { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _loop;
        _cts.Dispose();
    }
}
