using System.Data.Common;
using SatDaemon.Database;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.ReadModels;
using SatDaemon.Configuration;

namespace SatDaemon.Control;

/// <summary>Reads everything ctl status shows; writes nothing.</summary>
internal sealed class DaemonStatusReader(SatDbFactory factory, TimeProvider time)
{
    /// <summary>
    /// The heartbeat is written after every pass, which then sleeps one poll interval: a daemon that misses two has
    /// stopped without saying so (killed, host down). A clean stop is said at once (daemon_pid cleared).
    /// </summary>
    private const int MissedHeartbeatsBeforeDead = 2;

    /// <summary>The REASON of a pending job whose retry waits out its backoff (the planner does not see it yet).</summary>
    public const string BackoffReason = "backoff";

    /// <summary>The REASON of a pending job no pass has planned yet (queued since the daemon's last pass, or no daemon).</summary>
    public const string NotPlannedReason = "not planned yet";

    private const int RecentFailureCount = 20;

    public async Task<DaemonStatus> ReadAsync(IReadOnlyList<MachineOptions> machines, TimeSpan pollInterval, string? frame, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await new StatusQueries(factory).ReadAsync(frame, now, RecentFailureCount, ct);
        var tools = rows.Tools;
        var heartbeat = AsUtc(tools?.Heartbeat);
        // The daemon's clean exit clears its pid and leaves its stop time as the heartbeat (DaemonStore.RecordStoppedAsync).
        var stopped = heartbeat is not null && tools?.DaemonPid is null;
        var alive = !stopped && heartbeat is { } hb && now - hb < pollInterval * MissedHeartbeatsBeforeDead;

        var running = rows.Running
            .OrderBy(j => j.Machine, StringComparer.Ordinal).ThenBy(j => j.Id)
            .Select(RunningJobStatus.Of)
            .ToList();

        // Backoff is told apart against now; a group no pass has planned yet has no reason.
        var pending = rows.Pending
            .Select(p => new { p.FrameId, p.StageName, p.Rank, p.Count, Reason = p.Backoff ? BackoffReason : p.WaitReason ?? NotPlannedReason })
            .GroupBy(p => (p.FrameId, p.StageName, p.Reason))
            .Select(g => new { g.Key.FrameId, g.Key.StageName, g.Key.Reason, Rank = g.Min(p => p.Rank), Count = g.Sum(p => p.Count) })
            .OrderBy(p => p.FrameId, StringComparer.Ordinal).ThenBy(p => p.Rank).ThenBy(p => p.Reason, StringComparer.Ordinal)
            .Select(p => new PendingCount(p.FrameId, p.StageName, p.Count, p.Reason))
            .ToList();

        var usage = Usage(rows.Held, machines);
        var failures = rows.RecentFailures.Select(FailedJobStatus.Of).ToList();
        var held = rows.HeldFrames.Select(f => new HeldFrame(f.FrameId, AsUtc(f.HeldAt), f.HeldBy)).ToList();
        var drained = rows.Drains.Select(d => new DrainedMachine(d.Machine, AsUtc(d.DrainedAt), d.DrainedBy)).ToList();

        return new DaemonStatus(now, heartbeat, tools?.DaemonHost, tools?.DaemonPid, alive, stopped,
            tools?.PowerDown ?? false, tools?.RecreateJoblist ?? false, running, pending, usage, failures)
        {
            Holds = new OperatorHolds(held, drained),
            LastJoblistAt = AsUtc(tools?.LastJoblistAt),
            DaemonSince = AsUtc(tools?.DaemonStartedAt),
            Standbys = await ReadStandbysAsync(ct),
        };
    }

    /// <summary>The waiting standbys; a status that cannot list them (pg_stat_activity refused) still shows the rest.</summary>
    private async Task<IReadOnlyList<StandbyDaemon>> ReadStandbysAsync(CancellationToken ct)
    {
        try { return await StandbyDaemons.ListAsync(factory, ct); }
        catch (DbException) { return []; }
    }

    /// <summary>Configured machines in config order (idle ones too), then any machine only running_jobs still names.</summary>
    private static List<MachineUsage> Usage(IReadOnlyList<MachineHeldRow> rows, IReadOnlyList<MachineOptions> machines)
    {
        var held = rows.ToDictionary(r => r.Machine, r => (r.Jobs, r.Cpus, r.Memory, r.Disk));
        var usage = new List<MachineUsage>();
        foreach (var m in machines)
        {
            var h = held.GetValueOrDefault(m.Name);
            usage.Add(new MachineUsage(m.Name, h.Jobs, h.Cpus, m.Cpus, h.Memory, m.Memory, h.Disk, m.Disk));
        }
        var configured = machines.Select(m => m.Name).ToHashSet();
        foreach (var (name, h) in held.Where(kv => !configured.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            usage.Add(new MachineUsage(name, h.Jobs, h.Cpus, null, h.Memory, null, h.Disk, null));
        return usage;
    }

    // SQLite hands DateTime back unspecified; everything is written as UTC.
    private static DateTime AsUtc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime? AsUtc(DateTime? t) => t is { } v ? AsUtc(v) : null;
}
