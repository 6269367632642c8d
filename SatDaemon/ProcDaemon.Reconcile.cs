using System.Globalization;
using System.Text.Json;
using SatDaemon.Control.Jobs;
using SatDaemon.Control.Teams;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Jobs;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Machines;
using SatDaemon.JobProtocol;

namespace SatDaemon;

// Step 1 of a pass: bring running_jobs in line with what really runs on the machines.
public sealed partial class ProcDaemon
{
    private HashSet<long> _knownRunning = [];
    private string? _instance;

    // Launches of one target (table, row, stage) that never started, in a row; the count is forgotten once one starts.
    private readonly Dictionary<(string Table, long Id, int Stage), int> _notStarted = [];
    private const int NotStartedLimit = 3;

    /// <summary>
    /// For each machine that answers: a job whose job exec still runs is kept (adopted after a restart) and stopped when
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
        // down is known before anything is placed on it).
        var asked = _machines.Where(m => m.Health.MayTry && (byMachine[m.Name].Any() || !m.Health.Available || _firstPass)).ToList();
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
            var processes = reading.Processes;
            foreach (var row in group)
            {
                var job = new ProcJob(row, _config.JobTypes.GetValueOrDefault(row.JobType));
                try
                {
                    if (processes.JobExecPid(instance, row.Id, row.Pid) is { } pid)
                        await KeepAliveJobAsync(machine, job, pid, processes.SessionSize(pid), ct);
                    else if (row.Pid is { } sid && processes.Orphans(sid) is > 0 and var orphans)
                        await StopOrphansAsync(machine, job, sid, orphans, ct);
                    else if (await SettleGoneJobAsync(machine, job, ct, files: reading.FilesOf(row.Id)))
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

    private async Task KeepAliveJobAsync(ProcMachine machine, ProcJob job, int pid, int sessionSize, CancellationToken ct)
    {
        if (job.Row.LastReportAt is not null) _notStarted.Remove((job.Row.TargetTable, job.Row.TargetId, job.Row.Stage));
        if (job.Row.Pid != pid) await _store.SetPidAsync(job.Id, pid, ct);
        // Adopted: alive on its machine, and not launched or seen alive by this daemon process before. Per job, not
        // per pass: a machine that did not answer at start has its jobs adopted when it first answers.
        if (_seenAlive.Add(job.Id) && !_launchedHere.Contains(job.Id))
        {
            DaemonLog.Adopted(_log, job.Id, job.Description, machine.Name, pid);
            await _store.RecordAdoptedAsync(job.Id, job.Row.FrameId, machine.Name, $"adopted after daemon start (pid {pid})", ct);
        }
        if (job.Row.StopRequestedAt is not null)
        {
            await EscalateStopAsync(machine, job, pid, sessionSize, ct);
            return;
        }
        if (job.Row.CancelRequestedAt is not null)
        {
            await StartCancelAsync(machine, job, pid, ct);
            return;
        }
        if (!job.TimedOut(_time.GetUtcNow().UtcDateTime)) return;
        // The reason is kept on the row first: whoever records the end (job exec, or this daemon once the session is
        // empty) records it as a timeout, and the budget stays held while the job's processes wind down.
        var timeout = job.Type!.Timeout!.Value;
        if (await _store.RequestStopAsync(job.Id, $"timeout: ran longer than {timeout}; stopped by the daemon", ct))
        {
            DaemonLog.TimedOut(_log, job.Id, job.Description, machine.Name, timeout);
            await machine.SignalSessionAsync(pid, "TERM", ct);
        }
    }

    /// <summary>
    /// The job's process is gone. Returns true when its end is now recorded (by anyone). <paramref name="endedBy"/> is
    /// what ended it when known from elsewhere (Slurm's verdict), recorded as the error when nothing better is on record.
    /// </summary>
    /// <param name="files">The job's files as the reconcile's reading sent them; null: each is read with its own command.</param>
    private async Task<bool> SettleGoneJobAsync(ProcMachine machine, ProcJob job, CancellationToken ct, string? endedBy = null, GoneJobFiles? files = null)
    {
        // The JobLogger may have recorded the end between our two reads: then there is nothing to do.
        if (await _store.FindRunningAsync(job.Id, ct) is not { } fresh) return true;
        var log = job.Row.LogPath;
        try
        {
            if (log is not null && (files is not null ? files.Spool : await machine.ReadFileAsync(JobOutcomeFile.PathFor(log), ct)) is { } spool
                && TryParseOutcome(spool) is { } outcome && outcome.JobId == job.Id)
            {
                DaemonLog.FromSpool(_log, job.Id, job.Description, machine.Name);
                // The spool carries the run's measured use, kept as job exec would have.
                var r = await _store.RecordSpooledEndAsync(job.Id, outcome, job.Type?.Retries ?? 0, _config.Parameters.OverBudgetMargin, ct);
                if (outcome.Success && r.Recorded) DaemonLog.JobEnded(_log, job.Id, job.Description, machine.Name, "ok (from spool)");
                if (!outcome.Success && r.NeedsAlert) NotifyFailure(job, machine.Name, outcome.ExitCode, outcome.Error ?? "failed", outcome.LogTail);
                return true;
            }
            if (fresh.LastReportAt is null)
            {
                // job exec runs the command only after its first report, so none means the command never ran: the
                // launch never reached the machine, or died with the daemon before job exec started (an empty log).
                var claimedFor = _time.GetUtcNow().UtcDateTime - fresh.StartedAt;
                if (claimedFor < _options.LaunchGrace)
                {
                    // Too young to call: the launch may still be on its way. Resources stay held until the next pass.
                    DaemonLog.LaunchInDoubt(_log, job.Id, job.Description, machine.Name, claimedFor.TotalSeconds);
                    return false;
                }
                // Guarded: should job exec report now after all, exactly one of its start and this revert wins.
                var why = log is not null && (files?.LogExists ?? await machine.FileExistsAsync(log, ct)) ? "job exec never reported" : "no process, no log";
                var target = (job.Row.TargetTable, job.Row.TargetId, job.Row.Stage);
                var times = _notStarted.GetValueOrDefault(target) + 1;
                if (times >= NotStartedLimit)
                {
                    // A launch that never starts again and again (job exec cannot run there: a missing binary, an
                    // unreadable config) is a failure to show the operator, not a loop to run for ever.
                    _notStarted.Remove(target);
                    var never = $"job exec never started on {machine.Name} ({why}), {times} launches in a row; see {log}";
                    var r = await _store.RecordFailureAsync(job.Id, null, never, Tail(await LogOfAsync(machine, log, files, ct)), job.Type?.Retries ?? 0, ct);
                    if (r.NeedsAlert) NotifyFailure(job, machine.Name, null, never, null);
                    return true;
                }
                if (await _store.RevertUnstartedAsync(job.Id, $"{why} on {machine.Name}", ct))
                {
                    _notStarted[target] = times;
                    DaemonLog.Reverted(_log, job.Id, job.Description, machine.Name, why);
                }
                return true;
            }
            var tail = await LogOfAsync(machine, log, files, ct);
            // A job this daemon stopped is recorded with the stop's reason (JobStore puts it first).
            if (fresh.StopRequestedAt is not null) DaemonLog.Stopped(_log, job.Id, job.Description, machine.Name);
            var error = fresh.StopRequestedAt is not null ? "no process left"
                : endedBy ?? $"process of job {job.Id} is gone from {machine.Name} without a recorded end (killed, or the machine rebooted)";
            var lost = await _store.RecordFailureAsync(job.Id, null, error, Tail(tail), job.Type?.Retries ?? 0, ct);
            if (lost.Cancelled) DaemonLog.JobCancelled(_log, job.Id, job.Description, machine.Name, fresh.CancelRequestedBy ?? "?");
            else if (lost.Recorded)
            {
                DaemonLog.JobLost(_log, job.Id, job.Description, machine.Name);
                if (!lost.WillRetry) NotifyFailure(job, machine.Name, null, lost.Error ?? error, Tail(tail));
            }
            return true;
        }
        catch (MachineUnavailableException e)
        {
            MachineFailed(machine, e.Reason);
            return false;
        }
    }

    /// <summary>The log, or its last lines when the reconcile's reading sent them (<see cref="Tail"/> of either is the same).</summary>
    private static async Task<string?> LogOfAsync(ProcMachine machine, string? log, GoneJobFiles? files, CancellationToken ct) =>
        log is null ? null : files is not null ? files.LogTail : await machine.ReadFileAsync(log, ct);

    private static JobOutcomeFile? TryParseOutcome(string text)
    {
        try { return JobOutcomeFile.Parse(text); }
        catch (JsonException) { return null; }
    }

    private static string? Tail(string? log)
    {
        if (log is null) return null;
        var lines = log.Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 40)));
    }

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
