using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SatDaemon.Control.Teams;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Queries;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Lifecycle.Reconcile;
using SatDaemon.Machines;
using SatDaemon.Scheduling;

namespace SatDaemon;

/// <summary>
/// The daemon itself: knows its machines, reads the database and runs one pass at a time:
/// reconcile running jobs → rebuild the job list → feasible machines → rank → launch → record → heartbeat.
/// Each step lives in its own partial file; <see cref="RunPassAsync"/> is the one place that orders them. Every read
/// and write goes through <see cref="DaemonStore"/>, as plain records.
/// </summary>
public sealed partial class ProcDaemon
{
    private readonly SatDaemonConfig _config;
    private readonly DaemonStore _store;
    private readonly IReadOnlyList<ProcMachine> _machines;
    private readonly PlacementPlanner _planner = new();
    private readonly LaunchPlanner _launch;
    private readonly ITeamsNotifier _teams;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly DaemonOptions _options;
    private readonly ReconcilePolicy _policy;
    private bool _firstPass = true;
    // Jobs this daemon process launched, and jobs it has seen alive on their machines (see KeepAliveJobAsync).
    private readonly HashSet<long> _launchedHere = [];
    private readonly HashSet<long> _seenAlive = [];
    // The first pass rebuilds the whole list: changes made while no daemon ran marked frames or the flag, or nothing.
    private bool _wholeListDue = true;
    private DateTimeOffset _lastJobList = DateTimeOffset.MinValue;

    public ProcDaemon(SatDaemonConfig config, DaemonStore store, IReadOnlyList<ProcMachine> machines, ITeamsNotifier teams,
        ILogger<ProcDaemon> log, TimeProvider time, DaemonOptions options)
    {
        _config = config;
        _store = store;
        _machines = machines;
        _launch = new LaunchPlanner(config);
        _teams = teams;
        _log = log;
        _time = time;
        _options = options;
        _policy = new ReconcilePolicy(config.Parameters.KillGrace, options.LaunchGrace);
    }

    public IReadOnlyList<ProcMachine> Machines => _machines;

    /// <summary>One pass. Returns what happened; <see cref="PassResult.PowerDownComplete"/> tells the host to exit.</summary>
    public async Task<PassResult> RunPassAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var control = await _store.ReadControlAsync(ct);

        // Reconcile first: ended jobs free their resources before anything is placed.
        _powerDown = control.PowerDown;
        var ended = await ReconcileAsync(ct);
        _firstPass = false;
        // A job's end is recorded (by JobStore, whoever records it) with its frame marked for the job list: the rebuild
        // below takes it up. The plan is stale at once: the job's budget is free.
        if (ended > 0) _planValidity.Invalidate();

        if (control.PowerDown)
        {
            var running = await _store.RunningCountAsync(ct);
            var cancelled = await _store.CancelPendingForPowerDownAsync(ct);
            if (cancelled > 0 || running > 0) DaemonLog.PowerDownRequested(_log, cancelled, running);
            await _store.HeartbeatAsync(ct);
            return new PassResult(0, ended, running, 0, running == 0);
        }

        // Every writer whose change can alter the job list or a plan asks for a rebuild in the same transaction (see
        // DaemonFlags): one that knows its frame (job ends, ctl frame and job operations, FrameManager, consistency
        // fixes) marks that frame in joblist_dirty_frames, and only those frames are rebuilt; one with no frame or many
        // (drains, power-down, a retry across frames) raises daemon_tools.recreate_joblist, and the whole list is. Both
        // are read with the control flags each pass: the O(1) "did anything change" check. A whole rebuild also runs
        // on the first pass and every ten polls, the safety net for changes made around the writers (hand-written SQL).
        // Reconcile's ends marked their frames after the control read, hence "or a job ended".
        var full = control.RecreateJoblist || _wholeListDue || _time.GetUtcNow() - _lastJobList > _options.PollInterval * 10;
        var rebuilt = full
            ? await RebuildJobListAsync(ct)
            : (control.FramesChanged || ended > 0) && await RebuildDirtyFramesAsync(ct);
        if (rebuilt) _planValidity.Invalidate();

        var launched = await PlaceAndLaunchAsync(ct);
        await _store.HeartbeatAsync(ct);
        // A pass that saw no change and planned nothing changed nothing: the counts are the last pass's.
        if (rebuilt || ended > 0 || launched is not null || _lastCounts is null) _lastCounts = await _store.CountsAsync(ct);
        var (runningNow, pendingNow) = _lastCounts.Value;
        DaemonLog.PassDone(_log, launched ?? 0, ended, runningNow, pendingNow, watch.ElapsedMilliseconds);
        return new PassResult(launched ?? 0, ended, runningNow, pendingNow, false);
    }

    private (int Running, int Pending)? _lastCounts;

    private async Task<bool> RebuildJobListAsync(CancellationToken ct)
    {
        var result = await _store.RebuildJobListAsync(ct);
        _wholeListDue = false;
        _lastJobList = _time.GetUtcNow();
        DaemonLog.JobListRebuilt(_log, result.Eligible, result.Added, result.Removed, (long)result.Elapsed.TotalMilliseconds);
        LogBlocked(result);
        return true;
    }

    /// <summary>Rebuilds the frames writers marked since the last rebuild; false when none was marked (nothing changed).</summary>
    private async Task<bool> RebuildDirtyFramesAsync(CancellationToken ct)
    {
        if (await _store.RebuildDirtyFramesAsync(ct) is not { } result) return false;
        DaemonLog.JobListFramesRebuilt(_log, result.Frames, result.Eligible, result.Added, result.Removed, (long)result.Elapsed.TotalMilliseconds);
        LogBlocked(result);
        return true;
    }

    private void LogBlocked(JobListResult result)
    {
        if (result.BlockedByReason.Count > 0)
        {
            DaemonLog.Blocked(_log, string.Join(", ", result.BlockedByReason.OrderByDescending(r => r.Value).Select(r => $"{r.Value} {r.Key}")));
            foreach (var example in result.BlockedExamples) DaemonLog.BlockedExample(_log, example);
        }
    }

    /// <summary>Cheap check between passes: is there a reason to run a pass now rather than at the poll interval?</summary>
    public async Task<bool> WantsPassAsync(int runningAtLastPass, CancellationToken ct)
    {
        if (await _store.TryReadControlAsync(ct) is { RecreateJoblist: true } or { FramesChanged: true } or { PowerDown: true }) return true;
        return await _store.RunningCountAsync(ct) < runningAtLastPass;
    }

    /// <summary>Posts to Teams without ever blocking the pass; the notifier queues and throttles.</summary>
    private void Notify(string title, TeamsSeverity severity, IReadOnlyList<TeamsFact> facts, string? text = null) =>
        _teams.TryEnqueue(new TeamsMessage(title, severity, facts, text));
}

/// <summary>What one pass did.</summary>
public sealed record PassResult(int Launched, int Ended, int Running, int Pending, bool PowerDownComplete);
