using SatDaemon.Database.Daemon;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Hosting;

/// <summary>
/// The daemon's side of the console: wait reasons from the same <see cref="ProcDaemon.PlanAsync"/> that `explain`
/// prints, machine health from the daemon's circuit breakers, and the last pass. `satdaemon web` uses it too, with
/// <paramref name="healthKnown"/> false, since a daemon built only to plan has never talked to its machines.
/// </summary>
public sealed class DaemonInsight(ProcDaemon daemon, DaemonStore store, TimeProvider time, bool healthKnown) : IDaemonInsight
{
    /// <summary>Planning 10^4 pending jobs costs tens of ms: every viewer polling every 2 s shares one plan per this span.</summary>
    private static readonly TimeSpan PlanCacheAge = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _planLock = new(1, 1);
    private (DateTimeOffset At, WaitReasons Reasons)? _cached;

    public PassSnapshot? LastPass { get; private set; }

    public IReadOnlyList<MachineHealthView> MachineHealth => healthKnown
        ? daemon.Machines.Select(m => new MachineHealthView(m.Name, m.Health.Available, m.Health.Reason, m.Health.Failures)).ToList()
        : [];

    public async Task<WaitReasons?> WaitReasonsAsync(CancellationToken ct)
    {
        await _planLock.WaitAsync(ct);
        try
        {
            if (_cached is { } c && time.GetUtcNow() - c.At < PlanCacheAge) return c.Reasons;
            var plan = await daemon.PlanAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            var backingOff = await store.BackingOffCountAsync(now, ct);
            var reasons = plan is { } p
                ? new WaitReasons(p.Plan.ReasonCounts, p.Plan.Placements.Count, backingOff)
                : new WaitReasons(new Dictionary<string, int>(), 0, backingOff);
            _cached = (time.GetUtcNow(), reasons);
            return reasons;
        }
        finally
        {
            _planLock.Release();
        }
    }

    /// <summary>Called by the pass loop after each pass.</summary>
    public void RecordPass(PassResult result, TimeSpan duration) =>
        LastPass = new PassSnapshot(time.GetUtcNow().UtcDateTime, duration, result.Launched, result.Ended, result.Running, result.Pending);
}
