using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.JobProtocol;
using SatDaemon.Lifecycle.Reconcile;
using SatDaemon.Machines;

namespace SatDaemon;

// Step 1 of a pass, a job whose processes are gone: its end recorded as the reconcile decider said (from the spool,
// queued again, recorded failed). JobStore's guarded updates decide any race with the JobLogger or a late start.
public sealed partial class ProcDaemon
{
    private async Task SettleAsync(ProcMachine machine, ProcJob job, ReconcileDecision decision, GoneJobEvidence evidence, CancellationToken ct)
    {
        var retries = job.Type?.Retries ?? 0;
        switch (decision.Action)
        {
            case ReconcileAction.SettleFromSpool:
            {
                var outcome = evidence.Outcome!;
                DaemonLog.FromSpool(_log, job.Id, job.Description, machine.Name);
                // The spool carries the run's measured use, kept as job exec would have.
                var r = await _store.RecordSpooledEndAsync(job.Id, outcome, retries, _config.Parameters.OverBudgetMargin, ct);
                if (outcome.Success && r.Recorded) DaemonLog.JobEnded(_log, job.Id, job.Description, machine.Name, "ok (from spool)");
                if (!outcome.Success && r.NeedsAlert) NotifyFailure(job, machine.Name, outcome.ExitCode, outcome.Error ?? "failed", outcome.LogTail);
                await RemoveSpoolAsync(machine, job, ct);
                return;
            }
            case ReconcileAction.WaitInDoubt:
                // Resources stay held until the next pass.
                DaemonLog.LaunchInDoubt(_log, job.Id, job.Description, machine.Name, (_time.GetUtcNow().UtcDateTime - job.Row.StartedAt).TotalSeconds);
                return;
            case ReconcileAction.QueueAgain:
                // Guarded: should job exec report now after all, exactly one of its start and this revert wins.
                if (await _store.RevertUnstartedAsync(job.Id, decision.Reason, ct))
                {
                    _notStarted[TargetOf(job)] = decision.NotStartedRuns;
                    DaemonLog.Reverted(_log, job.Id, job.Description, machine.Name, decision.Cause!);
                }
                return;
            case ReconcileAction.RecordNeverStarted:
            {
                _notStarted.Remove(TargetOf(job));
                var r = await _store.RecordFailureAsync(job.Id, null, decision.Reason, evidence.LogTail, retries, ct);
                if (r.NeedsAlert) NotifyFailure(job, machine.Name, null, decision.Reason, null);
                return;
            }
            case ReconcileAction.RecordLost:
            {
                // A job this daemon stopped is recorded with the stop's reason (JobStore puts it first).
                if (decision.WasStopping) DaemonLog.Stopped(_log, job.Id, job.Description, machine.Name);
                var lost = await _store.RecordFailureAsync(job.Id, null, decision.Reason, evidence.LogTail, retries, ct);
                if (lost.Cancelled) DaemonLog.JobCancelled(_log, job.Id, job.Description, machine.Name, job.Row.CancelRequestedBy ?? "?");
                else if (lost.Recorded)
                {
                    DaemonLog.JobLost(_log, job.Id, job.Description, machine.Name);
                    if (!lost.WillRetry) NotifyFailure(job, machine.Name, null, lost.Error ?? decision.Reason, evidence.LogTail);
                }
                return;
            }
            default:
                throw new InvalidOperationException($"reconcile: no way to apply {decision.Action} to job {job.Id}");
        }
    }

    /// <summary>
    /// The end is recorded (here, or meanwhile by the JobLogger): the spool file has done its job, as job exec itself
    /// removes it after recording. Only that one file, which job exec made; a failure to remove it costs a stray file,
    /// never the recorded end, so it is logged and the pass goes on.
    /// </summary>
    private async Task RemoveSpoolAsync(ProcMachine machine, ProcJob job, CancellationToken ct)
    {
        var path = JobOutcomeFile.PathFor(job.Row.LogPath!);
        try
        {
            if (!await machine.DeleteFileAsync(path, ct)) DaemonLog.SpoolKept(_log, job.Id, path, machine.Name, "rm failed");
        }
        catch (MachineUnavailableException e)
        {
            DaemonLog.SpoolKept(_log, job.Id, path, machine.Name, e.Reason);
        }
    }
}
