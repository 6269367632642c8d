using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Queries;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Daemon;

/// <summary>
/// Everything the daemon reads and writes, as plain records in and out, so no EF type reaches the daemon. Split by the
/// step of a pass that uses it (.Plan, .Launch, .Reconcile, .Stop); job transitions go through <see cref="JobStore"/>,
/// which the JobLogger shares, so each stays guarded in one place.
/// </summary>
public sealed partial class DaemonStore
{
    private readonly SatDbFactory _factory;
    private readonly TimeProvider _time;
    private readonly JobStore _jobs;
    private readonly JobListBuilder _jobList;

    public DaemonStore(SatDbFactory factory, TimeProvider time)
    {
        _factory = factory;
        _time = time;
        _jobs = new JobStore(factory, time);
        _jobList = new JobListBuilder(factory, time);
    }

    /// <summary>The database as logs and messages name it (no password).</summary>
    public string DisplayName => _factory.Url.DisplayName;

    /// <summary>The operator's flags; throws when daemon_tools has no row, since the daemon cannot be steered without one.</summary>
    public async Task<DaemonControl> ReadControlAsync(CancellationToken ct) =>
        await TryReadControlAsync(ct) ?? throw new InvalidOperationException("daemon_tools has no row: run satdaemon-tools init-database");

    /// <summary>The requests, or null when daemon_tools has no row (for the cheap glance between passes).</summary>
    public async Task<DaemonControl?> TryReadControlAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        return await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1)
            // One statement still: the dirty frames are an EXISTS beside the flags, so the glance stays O(1).
            .Select(d => new DaemonControl(d.RecreateJoblist, d.PowerDown, db.JobListDirtyFrames.Any())).FirstOrDefaultAsync(ct);
    }

    /// <summary>Cleared on the way out of a power-down, so that the next start does not power down at once.</summary>
    public async Task ClearPowerDownAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        await DaemonFlags.ClearPowerDownAsync(db, ct);
    }

    /// <summary>Written at the end of every pass: ctl and the console tell a live daemon from a dead one by it.</summary>
    public async Task HeartbeatAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        var now = _time.GetUtcNow().UtcDateTime;
        await db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.Heartbeat, now), ct);
    }

    /// <summary>
    /// Written on the daemon's way out (Ctrl-C, SIGTERM, power-down, --once): the heartbeat becomes the stop time and
    /// the pid is cleared, so ctl status says "stopped at …" at once rather than "alive" until the heartbeat ages.
    /// Only this process's own row is changed: a daemon that took over meanwhile keeps its pid.
    /// </summary>
    public async Task RecordStoppedAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        var now = _time.GetUtcNow().UtcDateTime;
        var host = Environment.MachineName;
        var pid = Environment.ProcessId;
        await db.DaemonTools.Where(d => d.Id == 1 && d.DaemonHost == host && d.DaemonPid == pid)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Heartbeat, now).SetProperty(d => d.DaemonPid, (int?)null), ct);
    }

    /// <summary>The daemon daemon_tools names, for a standby's log: "host pid N since …", "stopped", or "none seen".</summary>
    public async Task<string> HolderAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        var t = await db.DaemonTools.AsNoTracking().FirstOrDefaultAsync(d => d.Id == 1, ct);
        return t?.DaemonHost is null ? "none seen"
            : t.DaemonPid is null ? $"{t.DaemonHost}, stopped"
            : $"{t.DaemonHost} pid {t.DaemonPid} since {t.DaemonStartedAt:yyyy-MM-dd HH:mm:ss} UTC";
    }

    public async Task<int> RunningCountAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        return await db.RunningJobs.CountAsync(ct);
    }

    public async Task<(int Running, int Pending)> CountsAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        return (await db.RunningJobs.CountAsync(ct), await db.PendingJobs.CountAsync(ct));
    }

    /// <summary>Every job type the stage tables name; the daemon refuses to start when the config lacks one.</summary>
    public async Task<IReadOnlyList<string>> StageJobTypesAsync(CancellationToken ct)
    {
        await using var db = _factory.Create();
        return (await StageCatalog.LoadAsync(db, ct)).JobTypes.ToList();
    }

    /// <summary>This installation's identity (made on first use): it goes on every launch line and picks our jobs out of `ps`.</summary>
    public Task<string> InstanceIdAsync(CancellationToken ct) => InstanceIdentityStore.GetOrCreateAsync(_factory, ct);
}
