using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SatDaemon.Control.Teams;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
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
    private bool _firstPass = true;
    // Jobs this daemon process launched, and jobs it has seen alive on their machines (see KeepAliveJobAsync).
    private readonly HashSet<long> _launchedHere = [];
    private readonly HashSet<long> _seenAlive = [];
    private bool _jobListDirty = true;
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
        if (ended > 0)
        {
            _jobListDirty = true;
            _planValidity.Invalidate();
        }

        if (control.PowerDown)
        {
            var running = await _store.RunningCountAsync(ct);
            var cancelled = await _store.CancelPendingAsync(ct);
            if (cancelled > 0 || running > 0) DaemonLog.PowerDownRequested(_log, cancelled, running);
            await _store.HeartbeatAsync(ct);
            return new PassResult(0, ended, running, 0, running == 0);
        }

        // Rebuild when asked, when a job ended, or at least every few polls in case something else changed. "Asked" is
        // daemon_tools.recreate_joblist, raised in the same transaction by every writer whose change can alter the job
        // list or a plan (job ends, ctl, holds, drains, frames; see DaemonFlags): the O(1) "did anything change" check,
        // read with the control flags each pass. The timed rebuild is the safety net for changes made around them.
        var rebuilt = control.RecreateJoblist || _jobListDirty || _time.GetUtcNow() - _lastJobList > _options.PollInterval * 10;
        if (rebuilt)
        {
            await RebuildJobListAsync(ct);
            _planValidity.Invalidate();
        }

        var launched = await PlaceAndLaunchAsync(ct);
        await _store.HeartbeatAsync(ct);
        // A pass that saw no change and planned nothing changed nothing: the counts are the last pass's.
        if (rebuilt || ended > 0 || launched is not null || _lastCounts is null) _lastCounts = await _store.CountsAsync(ct);
        var (runningNow, pendingNow) = _lastCounts.Value;
        DaemonLog.PassDone(_log, launched ?? 0, ended, runningNow, pendingNow, watch.ElapsedMilliseconds);
        return new PassResult(launched ?? 0, ended, runningNow, pendingNow, false);
    }

    private (int Running, int Pending)? _lastCounts;

    private async Task RebuildJobListAsync(CancellationToken ct)
    {
        var result = await _store.RebuildJobListAsync(ct);
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
        if (await _store.TryReadControlAsync(ct) is { RecreateJoblist: true } or { PowerDown: true }) return true;
        return await _store.RunningCountAsync(ct) < runningAtLastPass;
    }

    /// <summary>Posts to Teams without ever blocking the pass; the notifier queues and throttles.</summary>
    private void Notify(string title, TeamsSeverity severity, IReadOnlyList<TeamsFact> facts, string? text = null) =>
        _teams.TryEnqueue(new TeamsMessage(title, severity, facts, text));
}

/// <summary>What one pass did.</summary>
public sealed record PassResult(int Launched, int Ended, int Running, int Pending, bool PowerDownComplete);
