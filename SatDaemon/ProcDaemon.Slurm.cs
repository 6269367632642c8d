using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Lifecycle.Reconcile;
using SatDaemon.Machines;
using SatDaemon.Machines.Slurm;
using SatDaemon.Scheduling;

namespace SatDaemon;

// Step 1 of a pass for a Slurm machine: running_jobs against what squeue says. Slurm places, runs and stops the jobs;
// the daemon keeps the budget, the order and the record. Nothing is decided from a squeue that did not answer.
public sealed partial class ProcDaemon
{
    // Set from the control row at the start of each pass: power-down cancels what still waits in Slurm's queue.
    private bool _powerDown;

    // What Slurm still holds of jobs whose end is recorded: counted by the planner until squeue lets go of them.
    private readonly SlurmHeldBudget _slurmHeld = new();
    private readonly JobRouting _routing = new();

    /// <summary>
    /// One squeue per Slurm machine, each job's line handed to <see cref="ReconcileDecider"/>. By its rules: a job Slurm
    /// still holds (pending, running, completing) is kept, adopted after a restart, and cancelled with scancel when an
    /// operator or power-down asks; a job Slurm no longer holds is settled like a gone SSH job (JobLogger record, spool
    /// file, never started), with Slurm's own verdict (TIMEOUT, NODE_FAIL, …) as the error when job exec could not record
    /// one. Returns how many jobs ended.
    /// </summary>
    private async Task<int> ReconcileSlurmAsync(ProcMachine machine, List<RunningJobRecord> group, string instance, HashSet<long> ids,
        CancellationToken ct)
    {
        if (await AskMachineAsync(machine, machine.QueueAsync, ct) is not { } queue) return 0;
        foreach (var row in group) _slurmHeld.Remember(row.Id, machine.Name, new Resources(row.Cpus, row.Memory, row.Disk));
        _slurmHeld.Update(machine.Name, queue, instance, group.Select(r => r.Id).ToHashSet());
        var ended = 0;
        foreach (var row in group)
        {
            var job = new ProcJob(row, _config.JobTypes.GetValueOrDefault(row.JobType));
            try
            {
                var squeue = queue.Find(instance, row.Id)?.Reading ?? SlurmReading.Unknown;
                if (squeue.EndedBySlurm) DaemonLog.EndedBySlurm(_log, job.Id, job.Description, machine.Name, squeue.Verdict!);
                if (await ReconcileJobAsync(machine, job, MachineSays.FromSqueue(squeue), new GoneJobEvidence(), ct))
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
        return ended;
    }

    /// <summary>
    /// scancel, once: Slurm sends SIGTERM, then SIGKILL after its KillWait, and the budget stays held until Slurm no
    /// longer holds the job. A ctl cancel keeps its reason on the row first; a power-down cancel of a job still pending
    /// queues it again first (guarded: of a late start and this, exactly one wins).
    /// </summary>
    private async Task StopInSlurmAsync(ProcMachine machine, ProcJob job, ReconcileDecision decision, long slurmJobId, CancellationToken ct)
    {
        if (decision.Action == ReconcileAction.CancelPendingInSlurm)
        {
            if (!await _store.RevertUnstartedAsync(job.Id, decision.Reason, ct)) return;
            await machine.CancelAsync(slurmJobId, ct);
            DaemonLog.SlurmCancelled(_log, job.Id, job.Description, machine.Name, slurmJobId, "power-down while pending");
            return;
        }
        if (decision.Action == ReconcileAction.CancelInSlurm && !await _store.RequestStopAsync(job.Id, decision.Reason, ct)) return;
        await machine.CancelAsync(slurmJobId, ct);
        await _store.MarkKillSentAsync(job.Id, ct);
        DaemonLog.SlurmCancelled(_log, job.Id, job.Description, machine.Name, slurmJobId, decision.Reason);
    }
}
