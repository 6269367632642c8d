using System.Globalization;
using SatDaemon.Control.Jobs;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Jobs;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Machines;
using SatDaemon.JobProtocol;
using SatDaemon.Lifecycle.Reconcile;

namespace SatDaemon;

// Step 1 of a pass: bring running_jobs in line with what really runs on the machines.
public sealed partial class ProcDaemon
{
    private HashSet<long> _knownRunning = [];
    private string? _instance;

    // Launches of one target (table, row, stage) that never started, in a row; the count is forgotten once one starts.
    private readonly Dictionary<(string Table, long Id, int Stage), int> _notStarted = [];

    /// <summary>
    /// Gathers what each machine says, asks <see cref="ReconcileDecider"/> what to do with each job and does it. By its
    /// rules: for each machine that answers, a job whose job exec still runs is kept (adopted after a restart) and stopped when
    /// it ran out of time; a job whose job exec is gone while its command's processes still run is stopped first; a
    /// job with no process left and no recorded end is settled from its spool file, queued again if it provably never
    /// started, or recorded as failed. A job being stopped holds its budget until no process of it is left. Machines
    /// that do not answer are left alone: their jobs are neither failed nor relaunched. Returns how many jobs ended
    /// since the last pass.
    /// </summary>
    private async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var instance = await InstanceAsync(ct);
        var rows = await _store.RunningJobsAsync(ct);
        var ids = rows.Select(r => r.Id).ToHashSet();
        // Jobs whose JobLogger recorded their end since the last pass.
        var ended = _knownRunning.Count(id => !ids.Contains(id));

        var byMachine = rows.ToLookup(r => r.Machine);
        // A machine is asked only when it has jobs, when it is due for a retry, or at start (so that a machine that is
        // down is known before anything is placed on it); a Slurm machine also while Slurm may still hold an ended job
        // of it (SlurmHeldBudget: its budget stays counted until a squeue lets go of the job).
        var asked = _machines.Where(m => m.Health.MayTry && (byMachine[m.Name].Any() || !m.Health.Available || _firstPass
            || (m.IsSlurm && _slurmHeld.Tracks(m.Name)))).ToList();
        // The machines are read side by side (one command each: `ps` and the files of its jobs that are gone); what
        // they said is then worked through one machine after the other, in config order, as before.
        var readings = ReadMachines(asked.Where(m => !m.IsSlurm), byMachine, instance, ct);
        try
        {
            ended += await WorkThroughAsync(asked, byMachine, readings, instance, ids, ct);
        }
        finally
        {
            // A pass that failed half way still leaves no command of its own running on a machine behind it.
            await ((Task)Task.WhenAll(readings.Values)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _knownRunning = ids;
        // Forget jobs that ended, so the sets stay as small as the running jobs over months.
        _seenAlive.IntersectWith(ids);
        _launchedHere.IntersectWith(ids);
        return ended;
    }

    /// <summary>The machines' answers, machine by machine: keep, adopt, stop or settle each of their jobs. Returns how many ended.</summary>
    private async Task<int> WorkThroughAsync(List<ProcMachine> asked, ILookup<string, RunningJobRecord> byMachine,
        Dictionary<ProcMachine, Task<MachineReading>> readings, string instance, HashSet<long> ids, CancellationToken ct)
    {
        var ended = 0;
        foreach (var machine in asked)
        {
            var group = byMachine[machine.Name].ToList();
            if (machine.IsSlurm)
            {
                ended += await ReconcileSlurmAsync(machine, group, instance, ids, ct);
                continue;
            }
            if (await AskMachineAsync(machine, _ => readings[machine], ct) is not { } reading) continue;
            foreach (var row in group)
            {
                var job = new ProcJob(row, _config.JobTypes.GetValueOrDefault(row.JobType));
                try
                {
                    var says = MachineSays.FromPs(reading.Processes.ReadingOf(instance, row.Id, row.Pid));
                    if (await ReconcileJobAsync(machine, job, says, GoneJobEvidence.From(row.Id, reading.FilesOf(row.Id)), ct))
                    {
                        ended++;
                        ids.Remove(row.Id);
                    }
                }
                catch (MachineUnavailableException e)
                {
                    MachineFailed(machine, e.Reason);
                    break;
                }
            }
        }
        return ended;
    }

    /// <summary>
    /// One job: <see cref="ReconcileDecider"/> is asked with what its machine said, and again after each reading it asks
    /// for (the row read again, the spool, the log), then its answer is applied. Returns true when the job's end is now
    /// recorded (by anyone). A machine that fails while a gone job is settled is marked down and the job left as it is;
    /// a failure while a live job is kept or stopped is the caller's (the machine's other jobs wait for the next pass).
    /// </summary>
    private async Task<bool> ReconcileJobAsync(ProcMachine machine, ProcJob job, MachineSays says, GoneJobEvidence evidence, CancellationToken ct)
    {
        var settling = false;
        try
        {
            while (true)
            {
                var decision = ReconcileDecider.Decide(job.State, says with { Gone = evidence.Reading }, _time.GetUtcNow().UtcDateTime, BookOf(job), _policy);
                switch (decision.Action)
                {
                    case ReconcileAction.RecheckRow:
                        // The JobLogger may have recorded the end since the pass read running_jobs.
                        settling = true;
                        var fresh = await _store.FindRunningAsync(job.Id, ct);
                        if (fresh is not null) job = job with { Row = fresh };
                        evidence.RowRead(stillRunning: fresh is not null);
                        continue;
                    case ReconcileAction.ReadSpool:
                        evidence.SpoolRead(job.Id, await machine.ReadFileAsync(JobOutcomeFile.PathFor(job.Row.LogPath!), ct));
                        continue;
                    case ReconcileAction.ReadLog:
                        evidence.LogRead(await machine.FileExistsAsync(job.Row.LogPath!, ct));
                        continue;
                    case ReconcileAction.ReadLogTail:
                        evidence.TailRead(await machine.ReadFileAsync(job.Row.LogPath!, ct));
                        continue;
                }
                await ApplyBookkeepingAsync(machine, job, decision, says, ct);
                await ApplyAsync(machine, job, decision, says, evidence, ct);
                return decision.Ends;
            }
        }
        catch (MachineUnavailableException e) when (settling)
        {
            MachineFailed(machine, e.Reason);
            return false;
        }
    }

    /// <summary>What this daemon process remembers of the job, for the decider.</summary>
    private ReconcileBook BookOf(ProcJob job) => new(_launchedHere.Contains(job.Id), _seenAlive.Contains(job.Id),
        _notStarted.GetValueOrDefault(TargetOf(job)), _unkillableReported.Contains(job.Id), _powerDown);

    private static (string Table, long Id, int Stage) TargetOf(ProcJob job) => (job.Row.TargetTable, job.Row.TargetId, job.Row.Stage);

    /// <summary>Before the action: the job provably started, its pid or Slurm job id changed, it was seen alive, adopted.</summary>
    private async Task ApplyBookkeepingAsync(ProcMachine machine, ProcJob job, ReconcileDecision decision, MachineSays says, CancellationToken ct)
    {
        if (decision.Started) _notStarted.Remove(TargetOf(job));
        if (decision.NewPid is { } pid) await _store.SetPidAsync(job.Id, pid, ct);
        if (decision.NewSlurmJobId is { } slurmJobId) await _store.SetSlurmJobIdAsync(job.Id, slurmJobId, ct);
        if (decision.Alive) _seenAlive.Add(job.Id);
        if (!decision.Adopt) return;
        // Adopted: alive on its machine, and not launched or seen alive by this daemon process before. Per job, not per
        // pass: a machine that did not answer at start has its jobs adopted when it first answers.
        if (says.Squeue is { SlurmJobId: { } id, State: { } state })
        {
            DaemonLog.AdoptedSlurm(_log, job.Id, job.Description, machine.Name, id, state);
            await _store.RecordAdoptedAsync(job.Id, job.Row.FrameId, machine.Name, $"adopted after daemon start (Slurm job {id}, {state})", ct);
        }
        else
        {
            var session = decision.Session!.Value;
            DaemonLog.Adopted(_log, job.Id, job.Description, machine.Name, session);
            await _store.RecordAdoptedAsync(job.Id, job.Row.FrameId, machine.Name, $"adopted after daemon start (pid {session})", ct);
        }
    }

    /// <summary>The decision, carried out: a stop (TERM, KILL, scancel), a report, or the job's end recorded.</summary>
    private Task ApplyAsync(ProcMachine machine, ProcJob job, ReconcileDecision decision, MachineSays says, GoneJobEvidence evidence,
        CancellationToken ct) => decision.Action switch
    {
        ReconcileAction.Keep or ReconcileAction.AlreadyEnded => Task.CompletedTask,
        ReconcileAction.StopForTimeout or ReconcileAction.StopForCancel or ReconcileAction.StopOrphans => StartStopAsync(machine, job, decision, ct),
        ReconcileAction.EscalateToKill => SendKillAsync(machine, job, decision, ct),
        ReconcileAction.ReportUnkillable => ReportUnkillable(machine, job, decision),
        ReconcileAction.CancelPendingInSlurm or ReconcileAction.StopInSlurm or ReconcileAction.CancelInSlurm
            => StopInSlurmAsync(machine, job, decision, says.Squeue!.SlurmJobId!.Value, ct),
        _ => SettleAsync(machine, job, decision, evidence, ct),
    };

    /// <summary>
    /// Starts the reconcile command on each machine, at most [PARAMETERS] parallel_machines at once. The tasks are
    /// awaited by the caller, machine by machine (through <see cref="AskMachineAsync{T}"/>, which records the answer
    /// or the failure in the machine's health), so nothing they learn is acted on out of order.
    /// </summary>
    private Dictionary<ProcMachine, Task<MachineReading>> ReadMachines(IEnumerable<ProcMachine> machines,
        ILookup<string, RunningJobRecord> jobs, string instance, CancellationToken ct)
    {
        var gate = new SemaphoreSlim(Math.Max(1, _config.Parameters.ParallelMachines));
        var readings = new Dictionary<ProcMachine, Task<MachineReading>>();
        foreach (var machine in machines)
        {
            var logs = jobs[machine.Name].Where(r => r.LogPath is not null).Select(r => (r.Id, r.LogPath!)).ToList();
            readings[machine] = ReadAsync(machine, logs);
        }
        // Not disposed: a SemaphoreSlim holds nothing to free unless its wait handle is asked for, and the readings may
        // still be waiting on it when a failed pass unwinds.
        return readings;

        async Task<MachineReading> ReadAsync(ProcMachine machine, List<(long, string)> logs)
        {
            await gate.WaitAsync(ct);
            try { return await machine.ReadForReconcileAsync(instance, logs, ct); }
            finally { gate.Release(); }
        }
    }

    /// <summary>
    /// One reading of a machine (ps, squeue). Null when it does not answer: it is marked down and its jobs are left
    /// as they are; an answer after a failure is logged as the machine being back.
    /// </summary>
    private async Task<T?> AskMachineAsync<T>(ProcMachine machine, Func<CancellationToken, Task<T>> ask, CancellationToken ct) where T : class
    {
        try
        {
            var answer = await ask(ct);
            if (machine.Health.RecordSuccess()) DaemonLog.MachineBack(_log, machine.Name);
            return answer;
        }
        catch (MachineUnavailableException e)
        {
            MachineFailed(machine, e.Reason);
            return null;
        }
    }

    /// <summary>This installation's identity, read (or made) once: it goes on every launch line and picks our jobs out of `ps`.</summary>
    private async Task<string> InstanceAsync(CancellationToken ct) => _instance ??= await _store.InstanceIdAsync(ct);

    private void MachineFailed(ProcMachine machine, string reason)
    {
        if (machine.Health.RecordFailure(reason))
        {
            DaemonLog.MachineDown(_log, machine.Name, reason, machine.Health.RetryAt);
            Notify($"Machine {machine.Name} unavailable", TeamsSeverity.Warning, [new("Machine", machine.Name), new("Reason", reason)]);
        }
        else
        {
            DaemonLog.MachineStillDown(_log, machine.Name, machine.Health.Failures, reason, machine.Health.RetryAt);
        }
    }

    // The card reads like JobLogger's (JobCard): same title, same facts in the same order.
    private void NotifyFailure(ProcJob job, string machine, int? exitCode, string error, string? logTail)
    {
        var r = job.Row;
        var facts = JobCard.Facts(r.FrameId, r.JobType, r.StageName, r.Stage, r.Date, r.Date2, machine);
        facts.Add(new("Exit code", exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        facts.Add(new("Error", error));
        facts.Add(new("Job id", job.Id.ToString(CultureInfo.InvariantCulture)));
        Notify(JobCard.Title("Job failed", r.JobType, r.FrameId, r.Date, r.Date2), TeamsSeverity.Error, facts, logTail);
    }
}
