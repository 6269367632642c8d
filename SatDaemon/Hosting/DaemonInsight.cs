using SatDaemon.Database.Daemon;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Hosting;

/// <summary>
/// The daemon's side of the console: wait reasons as the daemon's last plan stored them on pending_jobs (the same
/// categories `explain` prints; the console never plans inside a request: 10^4 pending jobs took seconds), machine
/// health from the daemon's circuit breakers, and the last pass. `satdaemon web` uses it too, with
/// <paramref name="healthKnown"/> false, since a daemon built only to read has never talked to its machines; it shows
/// the reasons the running daemon stored.
/// </summary>
public sealed class DaemonInsight(ProcDaemon daemon, DaemonStore store, TimeProvider time, bool healthKnown) : IDaemonInsight
{
    public PassSnapshot? LastPass { get; private set; }

    public IReadOnlyList<MachineHealthView> MachineHealth => healthKnown
        ? daemon.Machines.Select(m => new MachineHealthView(m.Name, m.Health.Available, m.Health.Reason, m.Health.Failures)).ToList()
        : [];

    /// <summary>
    /// From the rows, not a plan: a job the last plan kept waiting counts under each category of its stored reason
    /// ("memory,unavailable"); one not planned yet (no reason stored) is what the next pass considers first.
    /// </summary>
    public async Task<WaitReasons?> WaitReasonsAsync(CancellationToken ct)
    {
        var rows = await store.StoredWaitReasonsAsync(time.GetUtcNow().UtcDateTime, ct);
        var byReason = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, backingOff, count) in rows)
        {
            if (backingOff || string.IsNullOrWhiteSpace(reason)) continue;
            foreach (var category in reason.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                byReason[category] = byReason.GetValueOrDefault(category) + count;
        }
        var notPlanned = rows.Where(r => !r.BackingOff && string.IsNullOrWhiteSpace(r.Reason)).Sum(r => r.Count);
        return new WaitReasons(byReason, notPlanned, rows.Where(r => r.BackingOff).Sum(r => r.Count));
    }

    /// <summary>Called by the pass loop after each pass.</summary>
    public void RecordPass(PassResult result, TimeSpan duration) =>
        LastPass = new PassSnapshot(time.GetUtcNow().UtcDateTime, duration, result.Launched, result.Ended, result.Running, result.Pending);
}
