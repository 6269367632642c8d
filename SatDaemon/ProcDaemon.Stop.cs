using SatDaemon.Control.Teams;
using SatDaemon.Hosting;
using SatDaemon.Jobs;
using SatDaemon.Machines;

namespace SatDaemon;

// Stopping a job on its machine: SIGTERM to its whole session, SIGKILL after kill_grace, and its budget held until
// `ps` shows none of its processes. The reason is on the running row (DaemonStore.RequestStopAsync), so a daemon restart
// picks up a stop where it was.
public sealed partial class ProcDaemon
{
    // Jobs already reported as surviving SIGKILL, so the report is made once per daemon run, not once per pass.
    private readonly HashSet<long> _unkillableReported = [];

    /// <summary>
    /// job exec is gone (SIGKILL, out of memory) but processes of its command still run: recording the job as lost now
    /// would free its budget and let a retry run beside them. They are stopped first; the end is recorded once none is left.
    /// </summary>
    private async Task StopOrphansAsync(ProcMachine machine, ProcJob job, int sid, int count, CancellationToken ct)
    {
        if (job.Row.StopRequestedAt is not null)
        {
            await EscalateStopAsync(machine, job, sid, count, ct);
            return;
        }
        var reason = $"job exec of job {job.Id} was lost on {machine.Name} (killed, or out of memory) while its command ran; the command was stopped";
        if (await _store.RequestStopAsync(job.Id, reason, ct))
        {
            DaemonLog.OrphansFound(_log, job.Id, job.Description, machine.Name, count);
            await machine.SignalSessionAsync(sid, "TERM", ct);
        }
    }

    /// <summary>
    /// ctl cancel asked for this job: it is stopped like a timeout (TERM to its session, KILL after kill_grace, budget held
    /// until no process is left), and whoever records its end records it as cancelled (JobStore sees the request).
    /// </summary>
    private async Task StartCancelAsync(ProcMachine machine, ProcJob job, int sid, CancellationToken ct)
    {
        var user = job.Row.CancelRequestedBy ?? "?";
        if (await _store.RequestStopAsync(job.Id, $"cancelled by {user}", ct))
        {
            DaemonLog.CancelRequested(_log, job.Id, job.Description, machine.Name, user);
            await machine.SignalSessionAsync(sid, "TERM", ct);
        }
    }

    /// <summary>A stop in progress: SIGKILL once kill_grace has passed since SIGTERM; a job that survives that too is reported.</summary>
    private async Task EscalateStopAsync(ProcMachine machine, ProcJob job, int sid, int count, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var grace = _config.Parameters.KillGrace;
        if (job.Row.KillSentAt is not { } killedAt)
        {
            var termAge = now - job.Row.StopRequestedAt!.Value;
            if (termAge < grace) return;
            var signalled = await machine.SignalSessionAsync(sid, "KILL", ct);
            await _store.MarkKillSentAsync(job.Id, ct);
            DaemonLog.KillSent(_log, job.Id, job.Description, machine.Name, signalled, termAge.TotalSeconds);
            return;
        }
        if (now - killedAt < grace || !_unkillableReported.Add(job.Id)) return;
        DaemonLog.Unkillable(_log, job.Id, job.Description, machine.Name, count);
        Notify($"Job cannot be killed: {job.Row.JobType} {job.Row.FrameId}", TeamsSeverity.Error,
        [
            new("Frame", job.Row.FrameId),
            new("Job", job.Description),
            new("Machine", machine.Name),
            new("Session", sid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Processes left", count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Budget", "held until they are gone"),
        ]);
    }
}
