using SatDaemon.Control.Teams;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Lifecycle.Reconcile;
using SatDaemon.Machines;

namespace SatDaemon;

// Stopping a job on its machine, as the reconcile decider said: SIGTERM to its whole session, SIGKILL after kill_grace,
// and its budget held until `ps` shows none of its processes. The reason is on the running row
// (DaemonStore.RequestStopAsync), so a daemon restart picks up a stop where it was.
public sealed partial class ProcDaemon
{
    // Jobs already reported as surviving SIGKILL, so the report is made once per daemon run, not once per pass.
    private readonly HashSet<long> _unkillableReported = [];

    /// <summary>
    /// A timeout, a ctl cancel, or a job exec lost while its command runs: the reason is kept on the row first, so whoever
    /// records the end (job exec, or this daemon once the session is empty) records it with that reason, and the budget
    /// stays held while the job's processes wind down. Then SIGTERM to the session; KILL follows in a later pass.
    /// </summary>
    private async Task StartStopAsync(ProcMachine machine, ProcJob job, ReconcileDecision decision, CancellationToken ct)
    {
        if (!await _store.RequestStopAsync(job.Id, decision.Reason, ct)) return;
        switch (decision.Action)
        {
            case ReconcileAction.StopForTimeout:
                DaemonLog.TimedOut(_log, job.Id, job.Description, machine.Name, job.Type!.Timeout!.Value);
                break;
            case ReconcileAction.StopForCancel:
                DaemonLog.CancelRequested(_log, job.Id, job.Description, machine.Name, job.Row.CancelRequestedBy ?? "?");
                break;
            default:
                DaemonLog.OrphansFound(_log, job.Id, job.Description, machine.Name, decision.Processes);
                break;
        }
        await machine.SignalSessionAsync(decision.Session!.Value, "TERM", ct);
    }

    /// <summary>kill_grace has passed since SIGTERM: SIGKILL to the session, the time kept on the row.</summary>
    private async Task SendKillAsync(ProcMachine machine, ProcJob job, ReconcileDecision decision, CancellationToken ct)
    {
        var termAge = _time.GetUtcNow().UtcDateTime - job.Row.StopRequestedAt!.Value;
        var signalled = await machine.SignalSessionAsync(decision.Session!.Value, "KILL", ct);
        await _store.MarkKillSentAsync(job.Id, ct);
        DaemonLog.KillSent(_log, job.Id, job.Description, machine.Name, signalled, termAge.TotalSeconds);
    }

    /// <summary>Processes that survive SIGKILL by another kill_grace: logged and posted once per daemon run; the budget stays held.</summary>
    private Task ReportUnkillable(ProcMachine machine, ProcJob job, ReconcileDecision decision)
    {
        _unkillableReported.Add(job.Id);
        DaemonLog.Unkillable(_log, job.Id, job.Description, machine.Name, decision.Processes);
        Notify($"Job cannot be killed: {job.Row.JobType} {job.Row.FrameId}", TeamsSeverity.Error,
        [
            new("Frame", job.Row.FrameId),
            new("Job", job.Description),
            new("Machine", machine.Name),
            new("Session", decision.Session!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Processes left", decision.Processes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Budget", "held until they are gone"),
        ]);
        return Task.CompletedTask;
    }
}
