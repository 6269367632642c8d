using SatDaemon.Lifecycle.Reconcile;

namespace SatDaemon.Tests.Lifecycle;

/// <summary>
/// The expected cell of the reconcile table, written from docs/reliability.md and SatDaemon/README.md (quoted), not from
/// the decider: the action, the text recorded in the database where the docs fix it, and whether the job is adopted.
/// </summary>
internal static class ReconcileRules
{
    public sealed record Expected(ReconcileAction Action, string? Reason = null, bool Adopt = false);

    public static Expected For(ReconcileCases.RowCase c, MachineSays says)
    {
        var (row, book) = (c.Row, c.Book);
        var now = ReconcileCases.Now;
        var grace = ReconcileCases.Policy.KillGrace;
        // "a job still running is kept (adopted after a restart)": adopted = alive, and neither launched nor seen by us.
        var adopt = !book.LaunchedHere && !book.SeenAlive;

        if (says.Squeue is { Active: true } q)
        {
            // docs/slurm.md: "power-down cancels what still waits in Slurm's queue" — only a claim that never started.
            if (book.PowerDown && q.State == "PENDING" && !row.Reported)
                return new(ReconcileAction.CancelPendingInSlurm, "power-down: cancelled while pending in Slurm on proc01", adopt);
            // "scancel once; Slurm sends SIGTERM, then SIGKILL after its KillWait; the budget stays held".
            if (row.KillSentAt is not null) return new(ReconcileAction.Keep, Adopt: adopt);
            if (row.StopRequestedAt is not null) return new(ReconcileAction.StopInSlurm, row.StopReason, adopt);
            if (row.CancelRequested) return new(ReconcileAction.CancelInSlurm, "cancelled by alice", adopt);
            return new(ReconcileAction.Keep, Adopt: adopt);
        }

        if (says.Ps is { Seen: ProcessSeen.JobExecAlive })
        {
            // "The reason and the times are kept on the running row, so a restarted daemon carries on a stop where it was."
            if (row.StopRequestedAt is not null) return Stop(row, book, now, grace) with { Adopt = adopt };
            // "ctl cancel: stopped like a timeout (TERM to its session …)", recorded "cancelled by USER".
            if (row.CancelRequested) return new(ReconcileAction.StopForCancel, "cancelled by alice", adopt);
            // "the recorded error is the daemon's reason ("timeout: …")".
            // "A job's time limit is the command's: it counts from job exec's first report; a job stopped before its
            // command started is not a timeout" (issue 29).
            if (row.Reported && row.Timeout is { } t && now - (row.CommandStartedAt ?? row.ClaimedAt) > t)
                return new(ReconcileAction.StopForTimeout, $"timeout: ran longer than {t}; stopped by the daemon", adopt);
            return new(ReconcileAction.Keep, Adopt: adopt);
        }

        if (says.Ps is { Seen: ProcessSeen.OrphansOnly })
        {
            // "A lost job exec whose command still runs: the daemon stops them first (1049) and records the job as lost
            // only when none is left."
            if (row.StopRequestedAt is not null) return Stop(row, book, now, grace);
            return new(ReconcileAction.StopOrphans,
                "job exec of job 7 was lost on proc01 (killed, or out of memory) while its command ran; the command was stopped");
        }

        // Nothing of it runs (ps), or Slurm no longer holds it: "settled from its spool, queued again if it never started,
        // or recorded failed" — after "whoever deletes the running_jobs row records the end, once" (the row read again).
        var gone = says.Gone;
        if (gone.Row == RowRecheck.NotYet) return new(ReconcileAction.RecheckRow);
        if (gone.Row == RowRecheck.Ended) return new(ReconcileAction.AlreadyEnded);
        var hasLog = row.LogPath is not null;
        if (hasLog && gone.Spool == SpoolSeen.Unread) return new(ReconcileAction.ReadSpool);
        // Only the job's own outcome settles it (the spool names its job id).
        if (hasLog && gone.Spool == SpoolSeen.ThisJob) return new(ReconcileAction.SettleFromSpool);
        if (!row.Reported)
        {
            // "The daemon waits until the claim is 30 s old (LaunchGrace, log event 1048 while it waits)."
            if (now - row.ClaimedAt < ReconcileCases.Policy.LaunchGrace) return new(ReconcileAction.WaitInDoubt);
            if (hasLog && gone.Log == LogSeen.Unread) return new(ReconcileAction.ReadLog);
            // "A claim with no process and no report is queued again, whatever the log."
            var why = hasLog && gone.Log == LogSeen.Present ? "job exec never reported" : "no process, no log";
            // "a target whose job exec never starts three launches in a row is recorded as failed".
            if (book.NotStartedRuns + 1 >= 3)
                return hasLog && !gone.TailRead ? new(ReconcileAction.ReadLogTail)
                    : new(ReconcileAction.RecordNeverStarted, $"job exec never started on proc01 ({why}), 3 launches in a row; see {row.LogPath}");
            return new(ReconcileAction.QueueAgain, $"{why} on proc01");
        }
        // "A claim that did report and whose process is gone is still a lost job, never relaunched."
        if (hasLog && !gone.TailRead) return new(ReconcileAction.ReadLogTail);
        if (row.StopRequestedAt is not null) return new(ReconcileAction.RecordLost, "no process left");
        // docs/slurm.md: Slurm's own verdict when it ended the job; else what Slurm last said of it.
        return says.Squeue switch
        {
            { Verdict: { } verdict } => new(ReconcileAction.RecordLost, verdict),
            { State: { } state, SlurmJobId: { } id } => new(ReconcileAction.RecordLost, $"Slurm job {id} of job 7 ended ({state}) without a recorded end"),
            { } => new(ReconcileAction.RecordLost, "Slurm job 900 of job 7 ended (no longer known to Slurm) without a recorded end"),
            null => new(ReconcileAction.RecordLost, "process of job 7 is gone from proc01 without a recorded end (killed, or the machine rebooted)"),
        };
    }

    /// <summary>"SIGTERM first; SIGKILL after kill_grace"; survivors of SIGKILL by another kill_grace "logged (1051) and posted once".</summary>
    private static Expected Stop(RunningJobState row, ReconcileBook book, DateTime now, TimeSpan grace)
    {
        if (row.KillSentAt is null) return new(now - row.StopRequestedAt!.Value < grace ? ReconcileAction.Keep : ReconcileAction.EscalateToKill);
        if (now - row.KillSentAt.Value < grace) return new(ReconcileAction.Keep);
        return new(book.UnkillableReported ? ReconcileAction.Keep : ReconcileAction.ReportUnkillable);
    }
}
