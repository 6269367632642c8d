using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Machines;
using SatDaemon.Machines.Slurm;

namespace SatDaemon;

// Step 1 of a pass for a Slurm machine: running_jobs against what squeue says. Slurm places, runs and stops the jobs;
// the daemon keeps the budget, the order and the record. Nothing is decided from a squeue that did not answer.
public sealed partial class ProcDaemon
{
    // Set from the control row at the start of each pass: power-down cancels what still waits in Slurm's queue.
    private bool _powerDown;

    /// <summary>
    /// One squeue per Slurm machine: a job Slurm still holds (pending, running, completing) is kept, adopted after a
    /// restart, and cancelled with scancel when an operator or power-down asks; a job Slurm no longer holds is settled like
    /// a gone SSH job (JobLogger record, spool file, never started), with Slurm's own verdict (TIMEOUT, NODE_FAIL, …)
    /// as the error when job exec could not record one. Returns how many jobs ended.
    /// </summary>
    private async Task<int> ReconcileSlurmAsync(ProcMachine machine, List<RunningJobRecord> group, string instance, HashSet<long> ids,
        CancellationToken ct)
    {
        if (await AskMachineAsync(machine, machine.QueueAsync, ct) is not { } queue) return 0;
        var ended = 0;
        foreach (var row in group)
        {
            var job = new ProcJob(row, _config.JobTypes.GetValueOrDefault(row.JobType));
            try
            {
                var slurmJob = queue.Find(instance, row.Id);
                if (slurmJob is { IsActive: true })
                {
                    await KeepSlurmJobAsync(machine, job, slurmJob, ct);
                    continue;
                }
                var verdict = slurmJob is { EndedBySlurm: true } ? slurmJob.Verdict : null;
                if (verdict is not null) DaemonLog.EndedBySlurm(_log, job.Id, job.Description, machine.Name, verdict);
                if (await SettleGoneJobAsync(machine, job, ct, verdict
                        ?? $"Slurm job {(slurmJob?.SlurmJobId ?? row.SlurmJobId)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} of job {job.Id} "
                        + $"ended ({slurmJob?.State ?? "no longer known to Slurm"}) without a recorded end"))
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

    private async Task KeepSlurmJobAsync(ProcMachine machine, ProcJob job, SlurmJob slurmJob, CancellationToken ct)
    {
        if (job.Row.SlurmJobId != slurmJob.SlurmJobId) await _store.SetSlurmJobIdAsync(job.Id, slurmJob.SlurmJobId, ct);
        if (job.Row.LastReportAt is not null) _notStarted.Remove((job.Row.TargetTable, job.Row.TargetId, job.Row.Stage));
        if (_seenAlive.Add(job.Id) && !_launchedHere.Contains(job.Id))
        {
            DaemonLog.AdoptedSlurm(_log, job.Id, job.Description, machine.Name, slurmJob.SlurmJobId, slurmJob.State);
            await _store.RecordAdoptedAsync(job.Id, job.Row.FrameId, machine.Name,
                $"adopted after daemon start (Slurm job {slurmJob.SlurmJobId}, {slurmJob.State})", ct);
        }

        // Power-down waits for what runs and cancels what still waits in Slurm's queue. Should Slurm start it in
        // between, its job exec finds the job no longer running and does not run the command.
        if (_powerDown && slurmJob.IsPending && job.Row.LastReportAt is null)
        {
            if (await _store.RevertUnstartedAsync(job.Id, $"power-down: cancelled while pending in Slurm on {machine.Name}", ct))
            {
                await machine.CancelAsync(slurmJob.SlurmJobId, ct);
                DaemonLog.SlurmCancelled(_log, job.Id, job.Description, machine.Name, slurmJob.SlurmJobId, "power-down while pending");
            }
            return;
        }
        // A cancel (ctl) or a stop the daemon asked for: scancel once; Slurm sends SIGTERM, then SIGKILL after its
        // KillWait, and the budget stays held until Slurm no longer holds the job.
        if (job.Row.KillSentAt is not null) return;
        string? why = null;
        if (job.Row.StopRequestedAt is not null) why = job.Row.StopReason ?? "stop requested";
        else if (job.Row.CancelRequestedAt is not null)
        {
            why = $"cancelled by {job.Row.CancelRequestedBy ?? "?"}";
            if (!await _store.RequestStopAsync(job.Id, why, ct)) return;
        }
        if (why is null) return;
        await machine.CancelAsync(slurmJob.SlurmJobId, ct);
        await _store.MarkKillSentAsync(job.Id, ct);
        DaemonLog.SlurmCancelled(_log, job.Id, job.Description, machine.Name, slurmJob.SlurmJobId, why);
    }
}
