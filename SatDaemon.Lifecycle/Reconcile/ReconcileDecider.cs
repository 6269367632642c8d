using System.Globalization;

namespace SatDaemon.Lifecycle.Reconcile;

/// <summary>
/// The reconcile's decision for one running job, as a pure function of its row, what its machine says, the time, what
/// this daemon remembers and the policy. The daemon gathers the readings, calls <see cref="Decide"/> (again after each
/// reading it asks for) and applies the answer; the store's guarded updates still decide races (a revert against a late
/// start, two recorders of one end), so a decision taken on a stale row loses there, never twice.
/// </summary>
public static class ReconcileDecider
{
    public static ReconcileDecision Decide(RunningJobState row, MachineSays says, DateTime nowUtc, ReconcileBook book, ReconcilePolicy policy)
    {
        if (says.Squeue is { } squeue)
            return squeue.Active ? KeepInSlurm(row, squeue, book) : Settle(row, says.Gone, nowUtc, book, policy, EndedInSlurm(row, squeue));
        var ps = says.Ps ?? ProcessReading.Nothing;
        return ps.Seen switch
        {
            ProcessSeen.JobExecAlive => KeepAlive(row, ps, nowUtc, book, policy),
            // job exec died (SIGKILL, out of memory) while its command runs on: recording the job as lost now would free
            // its budget and let a retry run beside those processes, so they are stopped first.
            ProcessSeen.OrphansOnly when row.StopRequestedAt is not null => Escalate(row, ps, nowUtc, book, policy),
            ProcessSeen.OrphansOnly => new ReconcileDecision(ReconcileAction.StopOrphans,
                $"job exec of job {row.Id} was lost on {row.Machine} (killed, or out of memory) while its command ran; the command was stopped")
                { Session = ps.Session, Processes = ps.Processes },
            _ => Settle(row, says.Gone, nowUtc, book, policy, endedBy: null),
        };
    }

    /// <summary>job exec runs: kept, adopted when this daemon never saw it, and stopped when asked or out of time.</summary>
    private static ReconcileDecision KeepAlive(RunningJobState row, ProcessReading ps, DateTime now, ReconcileBook book, ReconcilePolicy policy)
    {
        var seen = Seen(row, book) with { NewPid = row.Pid != ps.Session ? ps.Session : null, Session = ps.Session, Processes = ps.Processes };
        // A stop under way is carried on (a restarted daemon finds it on the row); it outranks a cancel or a timeout.
        if (row.StopRequestedAt is not null) return Escalate(row, ps, now, book, policy) with
        {
            Alive = seen.Alive, Adopt = seen.Adopt, Started = seen.Started, NewPid = seen.NewPid,
        };
        if (row.CancelRequested) return seen with { Action = ReconcileAction.StopForCancel, Reason = CancelledBy(row) };
        // A job's time limit is its command's: it counts from job exec's first report, after which the command starts. A
        // job not yet reported runs nothing, so it cannot have run out of time (job exec gives up on its own after
        // job_start_timeout, and the claim is then queued again without using up a retry).
        if (row.Reported && row.Timeout is { } timeout && now - (row.CommandStartedAt ?? row.ClaimedAt) > timeout)
            return seen with { Action = ReconcileAction.StopForTimeout, Reason = $"timeout: ran longer than {timeout}; stopped by the daemon" };
        return seen;
    }

    /// <summary>A stop in progress: SIGKILL once kill_grace has passed since SIGTERM; a survivor of that is reported once.</summary>
    private static ReconcileDecision Escalate(RunningJobState row, ProcessReading ps, DateTime now, ReconcileBook book, ReconcilePolicy policy)
    {
        ReconcileDecision Decision(ReconcileAction action, string reason) => new(action, reason) { Session = ps.Session, Processes = ps.Processes };
        if (row.KillSentAt is not { } killedAt)
        {
            var termAge = now - row.StopRequestedAt!.Value;
            return termAge < policy.KillGrace
                ? Decision(ReconcileAction.Keep, $"stopping: SIGTERM sent {Seconds(termAge)} s ago, within kill_grace")
                : Decision(ReconcileAction.EscalateToKill, $"SIGTERM sent {Seconds(termAge)} s ago, kill_grace passed");
        }
        if (now - killedAt < policy.KillGrace) return Decision(ReconcileAction.Keep, "stopping: SIGKILL sent, within kill_grace");
        return book.UnkillableReported
            ? Decision(ReconcileAction.Keep, "survived SIGKILL, already reported; its budget stays held")
            : Decision(ReconcileAction.ReportUnkillable, $"{ps.Processes} processes survived SIGKILL by kill_grace");
    }

    /// <summary>
    /// Slurm still holds the job: kept and adopted as an SSH job is. Slurm sends the signals itself (TERM, then KILL after
    /// its KillWait) on scancel, so a stop is one scancel and the budget stays held until Slurm lets the job go.
    /// </summary>
    private static ReconcileDecision KeepInSlurm(RunningJobState row, SlurmReading squeue, ReconcileBook book)
    {
        var seen = Seen(row, book) with
        {
            NewSlurmJobId = row.SlurmJobId != squeue.SlurmJobId ? squeue.SlurmJobId : null,
            Reason = $"Slurm holds it ({squeue.State})",
        };
        // Power-down waits for what runs and cancels what still waits in Slurm's queue. Should Slurm start it in between,
        // its job exec finds the job no longer running and does not run the command.
        if (book.PowerDown && squeue.Pending && !row.Reported)
            return seen with { Action = ReconcileAction.CancelPendingInSlurm, Reason = $"power-down: cancelled while pending in Slurm on {row.Machine}" };
        if (row.KillSentAt is not null) return seen with { Reason = "scancel sent; Slurm holds it until its processes are gone" };
        if (row.StopRequestedAt is not null) return seen with { Action = ReconcileAction.StopInSlurm, Reason = row.StopReason ?? "stop requested" };
        if (row.CancelRequested) return seen with { Action = ReconcileAction.CancelInSlurm, Reason = CancelledBy(row) };
        return seen;
    }

    /// <summary>What was seen alive: adopted when this daemon process neither launched it nor saw it alive before.</summary>
    private static ReconcileDecision Seen(RunningJobState row, ReconcileBook book) => new(ReconcileAction.Keep, "alive")
    {
        Alive = true,
        Adopt = !book.SeenAlive && !book.LaunchedHere,
        Started = row.Reported,
    };

    /// <summary>Slurm no longer holds the job: its verdict when it ended the job itself, else what is known of it.</summary>
    private static string EndedInSlurm(RunningJobState row, SlurmReading squeue) => squeue.EndedBySlurm ? squeue.Verdict!
        : $"Slurm job {(squeue.SlurmJobId ?? row.SlurmJobId)?.ToString(CultureInfo.InvariantCulture) ?? "?"} of job {row.Id} "
          + $"ended ({squeue.State ?? "no longer known to Slurm"}) without a recorded end";

    /// <summary>
    /// Nothing of the job runs: its end is what the JobLogger recorded, else what its spool says, else — as job exec runs
    /// the command only after its first report — a claim that never reported never ran and is queued again (once past the
    /// launch grace), and one that did report is recorded failed. <paramref name="endedBy"/>: what ended it when known
    /// from elsewhere (Slurm's verdict), the error when the row carries no stop.
    /// </summary>
    private static ReconcileDecision Settle(RunningJobState row, GoneJobReading gone, DateTime now, ReconcileBook book, ReconcilePolicy policy, string? endedBy)
    {
        switch (gone.Row)
        {
            case RowRecheck.NotYet: return Need(ReconcileAction.RecheckRow, "nothing of the job runs: read its row again");
            case RowRecheck.Ended: return new ReconcileDecision(ReconcileAction.AlreadyEnded, "its end was recorded meanwhile");
        }
        // Without a log path the job has no files on the machine: nothing to read.
        var hasLog = row.LogPath is not null;
        if (hasLog && gone.Spool == SpoolSeen.Unread) return Need(ReconcileAction.ReadSpool, "read the outcome spool");
        if (hasLog && gone.Spool == SpoolSeen.ThisJob) return new ReconcileDecision(ReconcileAction.SettleFromSpool, "ended: from its outcome spool");

        if (!row.Reported)
        {
            var claimedFor = now - row.ClaimedAt;
            if (claimedFor < policy.LaunchGrace)
                return new ReconcileDecision(ReconcileAction.WaitInDoubt, $"claimed {Seconds(claimedFor)} s ago, no report yet: the launch may be on its way");
            if (hasLog && gone.Log == LogSeen.Unread) return Need(ReconcileAction.ReadLog, "does the log exist");
            var why = hasLog && gone.Log == LogSeen.Present ? "job exec never reported" : "no process, no log";
            var times = book.NotStartedRuns + 1;
            if (times < policy.NotStartedLimit)
                return new ReconcileDecision(ReconcileAction.QueueAgain, $"{why} on {row.Machine}") { NotStartedRuns = times, Cause = why };
            // A launch that never starts again and again (job exec cannot run there: a missing binary, an unreadable
            // config) is a failure to show the operator, not a loop to run for ever.
            if (hasLog && !gone.TailRead) return Need(ReconcileAction.ReadLogTail, "read the log's last lines");
            return new ReconcileDecision(ReconcileAction.RecordNeverStarted,
                $"job exec never started on {row.Machine} ({why}), {times} launches in a row; see {row.LogPath}") { NotStartedRuns = times, Cause = why };
        }
        if (hasLog && !gone.TailRead) return Need(ReconcileAction.ReadLogTail, "read the log's last lines");
        // A job this daemon stopped ends with the stop's reason (the store puts it first); "no process left" says how.
        var stopping = row.StopRequestedAt is not null;
        return new ReconcileDecision(ReconcileAction.RecordLost, stopping ? "no process left"
            : endedBy ?? $"process of job {row.Id} is gone from {row.Machine} without a recorded end (killed, or the machine rebooted)")
        {
            WasStopping = stopping,
        };
    }

    private static ReconcileDecision Need(ReconcileAction read, string why) => new(read, why);

    private static string CancelledBy(RunningJobState row) => $"cancelled by {row.CancelRequestedBy ?? "?"}";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
