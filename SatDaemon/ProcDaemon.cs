using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SatDaemon.Control.Teams;
using SatDaemon.Database;
using SatDaemon.Database.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Queries;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Machines;
using SatDaemon.Scheduling;

namespace SatDaemon;

/// <summary>
/// The daemon itself: knows its machines, reads the database and runs one pass at a time:
/// reconcile running jobs → rebuild the job list → feasible machines → rank → launch → record → heartbeat.
/// Each step lives in its own partial file; <see cref="RunPassAsync"/> is the one place that orders them.
/// </summary>
public sealed partial class ProcDaemon
{
    private readonly SatDaemonConfig _config;
    private readonly SatDbFactory _db;
    private readonly IReadOnlyList<ProcMachine> _machines;
    private readonly JobStore _jobs;
    private readonly JobListBuilder _jobList;
    private readonly PlacementPlanner _planner = new();
    private readonly LaunchPlanner _launch;
    private readonly ITeamsNotifier _teams;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly DaemonOptions _options;
    private bool _firstPass = true;
    private bool _jobListDirty = true;
    private DateTimeOffset _lastJobList = DateTimeOffset.MinValue;

    public ProcDaemon(SatDaemonConfig config, SatDbFactory db, IReadOnlyList<ProcMachine> machines, ITeamsNotifier teams,
        ILogger<ProcDaemon> log, TimeProvider time, DaemonOptions options)
    {
        _config = config;
        _db = db;
        _machines = machines;
        _jobs = new JobStore(db, time);
        _jobList = new JobListBuilder(db, time);
        _launch = new LaunchPlanner(config);
        _teams = teams;
        _log = log;
        _time = time;
        _options = options;
    }

    public IReadOnlyList<ProcMachine> Machines => _machines;

    /// <summary>One pass. Returns what happened; <see cref="PassResult.PowerDownComplete"/> tells the host to exit.</summary>
    public async Task<PassResult> RunPassAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var tools = await ReadDaemonToolsAsync(ct);

        // Reconcile first: ended jobs free their resources before anything is placed.
        var ended = await ReconcileAsync(ct);
        _firstPass = false;
        if (ended > 0) _jobListDirty = true;

        if (tools.PowerDown)
        {
            var running = await RunningCountAsync(ct);
            var cancelled = await _jobs.CancelPendingAsync(ct);
            if (cancelled > 0 || running > 0) DaemonLog.PowerDownRequested(_log, cancelled, running);
            await HeartbeatAsync(ct);
            return new PassResult(0, ended, running, 0, running == 0);
        }

        // Rebuild when asked (ctl), when a job ended, or at least every few polls in case something else changed.
        if (tools.RecreateJoblist || _jobListDirty || _time.GetUtcNow() - _lastJobList > _options.PollInterval * 10)
            await RebuildJobListAsync(ct);

        var launched = await PlaceAndLaunchAsync(ct);
        await HeartbeatAsync(ct);
        var (runningNow, pendingNow) = await CountsAsync(ct);
        DaemonLog.PassDone(_log, launched, ended, runningNow, pendingNow, watch.ElapsedMilliseconds);
        return new PassResult(launched, ended, runningNow, pendingNow, false);
    }

    private async Task RebuildJobListAsync(CancellationToken ct)
    {
        // Clear the flag before reading, so a ctl change made during the rebuild asks for another one.
        await using (var db = _db.Create())
            await db.DaemonTools.Where(d => d.Id == 1 && d.RecreateJoblist)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, false), ct);
        var result = await _jobList.RebuildAsync(ct);
        _jobListDirty = false;
        _lastJobList = _time.GetUtcNow();
        DaemonLog.JobListRebuilt(_log, result.Eligible, result.Added, result.Removed, (long)result.Elapsed.TotalMilliseconds);
        if (result.BlockedByReason.Count > 0)
        {
            DaemonLog.Blocked(_log, string.Join(", ", result.BlockedByReason.OrderByDescending(r => r.Value).Select(r => $"{r.Value} {r.Key}")));
            foreach (var example in result.BlockedExamples) DaemonLog.BlockedExample(_log, example);
        }
    }

    /// <summary>Cheap check between passes: is there a reason to run a pass now rather than at the poll interval?</summary>
    public async Task<bool> WantsPassAsync(int runningAtLastPass, CancellationToken ct)
    {
        await using var db = _db.Create();
        var t = await db.DaemonTools.AsNoTracking().Where(d => d.Id == 1)
            .Select(d => new { d.RecreateJoblist, d.PowerDown }).FirstOrDefaultAsync(ct);
        if (t is { RecreateJoblist: true } or { PowerDown: true }) return true;
        return await db.RunningJobs.CountAsync(ct) < runningAtLastPass;
    }

    private async Task<DaemonTools> ReadDaemonToolsAsync(CancellationToken ct)
    {
        await using var db = _db.Create();
        var t = await db.DaemonTools.AsNoTracking().FirstOrDefaultAsync(d => d.Id == 1, ct);
        return t ?? throw new InvalidOperationException("daemon_tools has no row: run satdaemon-tools init-database");
    }

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        await using var db = _db.Create();
        var now = _time.GetUtcNow().UtcDateTime;
        await db.DaemonTools.Where(d => d.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.Heartbeat, now), ct);
    }

    private async Task<int> RunningCountAsync(CancellationToken ct)
    {
        await using var db = _db.Create();
        return await db.RunningJobs.CountAsync(ct);
    }

    private async Task<(int Running, int Pending)> CountsAsync(CancellationToken ct)
    {
        await using var db = _db.Create();
        return (await db.RunningJobs.CountAsync(ct), await db.PendingJobs.CountAsync(ct));
    }

    /// <summary>Posts to Teams without ever blocking the pass; the notifier queues and throttles.</summary>
    private void Notify(string title, TeamsSeverity severity, IReadOnlyList<TeamsFact> facts, string? text = null) =>
        _teams.TryEnqueue(new TeamsMessage(title, severity, facts, text));
}

/// <summary>What one pass did.</summary>
public sealed record PassResult(int Launched, int Ended, int Running, int Pending, bool PowerDownComplete);
