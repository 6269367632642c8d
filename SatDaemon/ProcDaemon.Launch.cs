using Microsoft.Extensions.Logging;
using SatDaemon.JobProtocol;
using SatDaemon.Configuration;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Machines;
using SatDaemon.Scheduling;

namespace SatDaemon;

// Steps 3-5 of a pass: feasible machines → rank → launch → record.
public sealed partial class ProcDaemon
{
    private const int WaitLinesPerPass = 5;

    // What the last pass said about waiting jobs, so an unchanged reason is not repeated at info every pass.
    private Dictionary<long, string> _waitsSaid = [];
    private string? _waitSummarySaid;

    // The last plan, and whether it still holds: a pass in which nothing it was made from changed does not plan again.
    private readonly PlanValidity _planValidity = new();
    private PlacementPlan? _lastPlan;

    /// <summary>Places and launches; returns how many launched, or null when the last plan still held and nothing was planned.</summary>
    private async Task<int?> PlaceAndLaunchAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var machines = PlanValidity.Fingerprint(_machines.Select(m => m.Health.Available));
        if (_planValidity.StillHolds(machines, now))
        {
            // Planning again would place nothing and give every waiting job the same reason; the log says so at debug.
            if (_lastPlan is not null) LogWaiting(_lastPlan);
            return null;
        }
        var inputs = await _store.ReadPlanInputsAsync(now.UtcDateTime, ct);
        var nextNotBefore = inputs.NextNotBefore is { } nb ? new DateTimeOffset(DateTime.SpecifyKind(nb, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        if (inputs.Pending.Count == 0)
        {
            _lastPlan = null;
            _planValidity.Planned(machines, placedAny: false, nextNotBefore ?? DateTimeOffset.MaxValue);
            return 0;
        }
        var (plan, byId) = Plan(inputs, now);
        _lastPlan = plan;
        _planValidity.Planned(machines, plan.Placements.Count > 0,
            PlanValidity.ValidUntil(plan, nextNotBefore, now, _options.StarvationAge));
        LogWaiting(plan);
        await _store.RecordWaitReasonsAsync(
            plan.Waiting.Select(w => (w.Job.PendingId, WaitReason.Of(w), w.Reason)).ToList(), ct);

        return await LaunchPlacementsAsync(plan, byId, ct);
    }

    /// <summary>
    /// Launches the plan's placements: one task per machine, at most [PARAMETERS] parallel_machines at
    /// once; each machine takes its own placements in plan order, one after the other. Waits for every launch in
    /// flight before returning (also when cancelled or when one machine's task throws), so a stop or a power-down
    /// never leaves a launch half done behind the pass.
    /// </summary>
    /// <remarks>
    /// Why running machines side by side keeps the guarantees of the serial loop:
    /// - "never run a job twice" rests on <see cref="DaemonStore.ClaimAsync"/>, not on the order of launches: a claim
    ///   deletes the pending row and moves the stage row from waiting to running in one transaction, each guarded
    ///   (zero rows = someone else claimed it, nothing changed), and job ids come from a row-locked counter. Each
    ///   placement is a different pending job, and every claim is still its own transaction, so two tasks can never
    ///   claim the same job, and a job is launched only after its claim committed;
    /// - a machine never gets more than the plan placed on it: only that machine's task launches on it, and only
    ///   its own placements;
    /// - "a machine that failed earlier in this pass gets nothing more": its task runs its placements in series and
    ///   stops at the first failure of the machine, exactly as the serial loop skipped it;
    /// - the budgets of other machines are untouched by a failure here, so one machine down (a bad port, a refused
    ///   key) only costs its own placements.
    /// The bookkeeping sets (_knownRunning, _launchedHere) are shared and written under a lock; logs are structured
    /// (each line names its job and machine) and Teams messages go through the notifier's own queue.
    /// </remarks>
    private async Task<int> LaunchPlacementsAsync(PlacementPlan plan, Dictionary<long, PendingJobRecord> byId, CancellationToken ct)
    {
        if (plan.Placements.Count == 0) return 0;
        // Read once before the tasks start: every launch line carries it.
        var instance = await InstanceAsync(ct);
        var byMachine = plan.Placements.GroupBy(p => p.Machine, StringComparer.Ordinal)
            .Select(g => (Machine: _machines.First(m => m.Name == g.Key), Jobs: g.Select(p => byId[p.Job.PendingId]).ToList()))
            .ToList();
        using var gate = new SemaphoreSlim(Math.Max(1, _config.Parameters.ParallelMachines));
        var tasks = byMachine.Select(async m =>
        {
            await gate.WaitAsync(ct);
            try { return await LaunchOnMachineAsync(m.Machine, m.Jobs, instance, ct); }
            finally { gate.Release(); }
        }).ToList();
        // WhenAll waits for every task, failed or not, before it throws: no launch is left in flight.
        var counts = await Task.WhenAll(tasks);
        return counts.Sum();
    }

    /// <summary>One machine's placements of this pass, in plan order and in series.</summary>
    private async Task<int> LaunchOnMachineAsync(ProcMachine machine, List<PendingJobRecord> jobs, string instance, CancellationToken ct)
    {
        var launched = 0;
        foreach (var pending in jobs)
        {
            // A machine that failed earlier in this pass gets nothing more until it answers again.
            if (!machine.Health.Available) break;
            ct.ThrowIfCancellationRequested();
            if (await LaunchAsync(pending, machine, instance, ct)) launched++;
        }
        return launched;
    }

    /// <summary>The plan for this pass, or null when nothing is pending. Also used by `satdaemon explain`.</summary>
    public async Task<(PlacementPlan Plan, Dictionary<long, PendingJobRecord> Pending)?> PlanAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var inputs = await _store.ReadPlanInputsAsync(now.UtcDateTime, ct);
        return inputs.Pending.Count == 0 ? null : Plan(inputs, now);
    }

    /// <summary>
    /// The plan for jobs that are not in pending_jobs (`satdaemon explain` before the daemon built the list), against
    /// the running jobs of the database: the same planning, nothing written.
    /// </summary>
    public async Task<(PlacementPlan Plan, Dictionary<long, PendingJobRecord> Pending)> PlanAsync(IReadOnlyList<PendingJobRecord> jobs, CancellationToken ct)
    {
        var (heldFrames, drained) = await _store.OperatorHoldsAsync(ct);
        var inputs = new PlanInputs(jobs, await _store.ReadRunningAsync(ct),
            heldFrames.ToHashSet(StringComparer.Ordinal), drained.ToHashSet(StringComparer.Ordinal));
        return Plan(inputs, _time.GetUtcNow());
    }

    private (PlacementPlan Plan, Dictionary<long, PendingJobRecord> Pending) Plan(PlanInputs inputs, DateTimeOffset now)
    {
        var (pending, running, heldFrames, drained) = inputs;

        var candidates = new List<JobCandidate>(pending.Count);
        foreach (var p in pending)
        {
            // Job types were checked against the stage tables at start; one added since is skipped, not fatal.
            if (!_config.JobTypes.TryGetValue(p.JobType, out var type)) continue;
            var (requires, prefers) = _routing.Of(type);
            candidates.Add(new JobCandidate(p.Id, p.FrameId, p.JobType, p.TargetTable, p.TargetId, p.Priority, p.StageRank,
                p.Date ?? DateOnly.MinValue, new Resources(type.Cpus, type.Memory, type.Disk),
                new DateTimeOffset(p.QueuedAt), Describe(p), heldFrames.Contains(p.FrameId), requires, prefers));
        }
        var usedByMachine = running.GroupBy(r => r.Machine)
            .ToDictionary(g => g.Key, g => new Resources(g.Sum(r => r.Cpus), g.Sum(r => r.Memory), g.Sum(r => r.Disk)));
        // A Slurm machine also counts what Slurm still holds of jobs already ended (SlurmHeldBudget).
        var runningIds = running.Select(r => r.Id).ToHashSet();
        var machines = _machines.Select(m => new MachineState(m.Name, m.Capacity,
            usedByMachine.GetValueOrDefault(m.Name, new Resources(0, 0, 0)).Add(_slurmHeld.HeldAfterEnd(m.Name, runningIds)), m.Health.Available, m.Health.Reason,
            drained.Contains(m.Name), _routing.Offers(m.Options))).ToList();
        var runningByType = running.GroupBy(r => r.JobType).ToDictionary(g => g.Key, g => g.Count());
        var limits = _config.JobTypes.Values.Where(t => t.MaxRunning is not null)
            .Select(t => new JobTypeLimit(t.Name, t.MaxRunning!.Value, runningByType.GetValueOrDefault(t.Name))).ToList();
        var plan = _planner.Plan(candidates, machines, limits, now,
            new PlannerOptions { StarvationAge = _options.StarvationAge, MaxLaunchesPerPass = _options.MaxLaunchesPerPass });
        return (plan, pending.ToDictionary(p => p.Id));
    }

    /// <summary>Frames on ctl hold and machines on ctl drain (for `satdaemon explain`).</summary>
    public Task<(IReadOnlyList<string> HeldFrames, IReadOnlyList<string> DrainedMachines)> OperatorHoldsAsync(CancellationToken ct) =>
        _store.OperatorHoldsAsync(ct);

    private async Task<bool> LaunchAsync(PendingJobRecord pending, ProcMachine machine, string instance, CancellationToken ct)
    {
        var type = _config.JobType(pending.JobType);
        var job = await _store.ClaimAsync(pending, machine.Name, type.Cpus, type.Memory, type.Disk, id => _launch.LogPath(pending, id), ct);
        if (job is null) return false; // no longer pending, or its row moved on: nothing to do
        string command;
        try
        {
            var masterDate = await _store.MasterDateAsync(job.FrameId, ct);
            command = machine.IsSlurm
                ? _launch.SubmitCommand(job, masterDate, instance, machine.Options)
                : _launch.LaunchCommand(job, masterDate, instance);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException)
        {
            await _store.RecordFailureAsync(job.Id, null, "cannot build the command: " + e.Message, null, 0, ct);
            DaemonLog.LaunchFailed(_log, job.Id, Describe(pending), machine.Name, e.Message);
            return false;
        }
        try
        {
            // What the machine answered is recorded first: a Slurm job id, or job exec's pid.
            if (machine.IsSlurm)
            {
                _slurmHeld.Remember(job.Id, machine.Name, new Resources(type.Cpus, type.Memory, type.Disk));
                var slurmJobId = await machine.SubmitAsync(command, ct);
                await _store.SetSlurmJobIdAsync(job.Id, slurmJobId, ct);
                DaemonLog.Submitted(_log, job.Id, Describe(pending), machine.Name, slurmJobId, type.Cpus, type.Memory, type.Disk);
            }
            else
            {
                var pid = await machine.LaunchAsync(command, ct);
                await _store.SetPidAsync(job.Id, pid, ct);
                DaemonLog.Launched(_log, job.Id, Describe(pending), machine.Name, pid, type.Cpus, type.Memory, type.Disk);
            }
            Launched(job.Id);
            return true;
        }
        catch (MachineUnavailableException e) when (!e.CommandMayHaveRun)
        {
            // Refused before any command was sent: the job certainly never started, so it is queued again now.
            await _store.RevertUnstartedAsync(job.Id, $"{machine.Name} unreachable: {e.Reason}", ct);
            DaemonLog.LaunchFailed(_log, job.Id, Describe(pending), machine.Name, e.Reason);
            MachineFailed(machine, e.Reason);
            return false;
        }
        catch (MachineUnavailableException e)
        {
            // The command may or may not have reached the machine: the row stays (resources held) and the
            // next reconcile settles it — adopted if job exec runs, queued again if it never started.
            Launched(job.Id);
            DaemonLog.LaunchFailed(_log, job.Id, Describe(pending), machine.Name, e.Reason);
            MachineFailed(machine, e.Reason);
            return false;
        }
        catch (InvalidOperationException e)
        {
            // The machine answered but the launcher failed (e.g. the log folder cannot be made): a job failure.
            var r = await _store.RecordFailureAsync(job.Id, null, e.Message, null, type.Retries, ct);
            DaemonLog.LaunchFailed(_log, job.Id, Describe(pending), machine.Name, e.Message);
            if (r.NeedsAlert) NotifyFailure(new Jobs.ProcJob(job, type), machine.Name, null, e.Message, null);
            return false;
        }
    }

    // Launch tasks of different machines record their jobs here at the same time.
    private readonly Lock _launchBook = new();

    private void Launched(long jobId)
    {
        lock (_launchBook)
        {
            _knownRunning.Add(jobId);
            _launchedHere.Add(jobId);
        }
    }

    private void LogWaiting(PlacementPlan plan)
    {
        if (plan.Waiting.Count == 0) return;
        var said = new Dictionary<long, string>();
        foreach (var w in plan.Waiting.Take(WaitLinesPerPass))
        {
            var again = _waitsSaid.TryGetValue(w.Job.PendingId, out var before) && before == w.Reason;
            DaemonLog.JobWaits(_log, again ? LogLevel.Debug : LogLevel.Information, w.Job.Description, w.Reason);
            said[w.Job.PendingId] = w.Reason;
        }
        _waitsSaid = said;
        var summary = string.Join(", ", plan.ReasonCounts.OrderByDescending(r => r.Value).Select(r => $"{r.Key}: {r.Value}"));
        DaemonLog.WaitingSummary(_log, summary == _waitSummarySaid ? LogLevel.Debug : LogLevel.Information, plan.Waiting.Count, summary);
        _waitSummarySaid = summary;
    }

    internal static string Describe(PendingJobRecord p) => JobDescription.Of(p.FrameId, p.TargetTable, p.Date, p.Date2, p.StageName);
}
