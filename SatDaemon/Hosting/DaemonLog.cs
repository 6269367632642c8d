using Microsoft.Extensions.Logging;

namespace SatDaemon.Hosting;

/// <summary>
/// Every log line of the daemon. Event ids: 1000-1019 lifecycle and passes (1008 a pass failed on the database, 1009 its detail at debug, 1010 stopped, 1011-1014 the standby, 1015-1017 the wake-up listener), 1020-1039 job list and placement,
/// 1040-1059 launches and job ends, 1060-1079 machines, 1080-1089 the web console, 1090-1099 the background ingest (IngestLog), 1100-1109 the Teams digest (DigestLog). Never renumber: operators grep for them.
/// </summary>
internal static partial class DaemonLog
{
    [LoggerMessage(1000, LogLevel.Information, "SatDaemon starting on {Host} pid {Pid}: database {Database}, {MachineCount} machines, poll every {PollSeconds} s")]
    public static partial void Starting(ILogger log, string host, int pid, string database, int machineCount, double pollSeconds);

    [LoggerMessage(1001, LogLevel.Information, "pass: {Launched} launched, {Ended} ended, {Running} running, {Pending} pending ({ElapsedMs} ms)")]
    public static partial void PassDone(ILogger log, int launched, int ended, int running, int pending, long elapsedMs);

    [LoggerMessage(1002, LogLevel.Error, "pass failed; the next pass will try again")]
    public static partial void PassFailed(ILogger log, Exception exception);

    [LoggerMessage(1003, LogLevel.Warning, "power-down requested: {Cancelled} pending jobs cancelled, waiting for {Running} running jobs")]
    public static partial void PowerDownRequested(ILogger log, int cancelled, int running);

    [LoggerMessage(1004, LogLevel.Information, "power-down complete: no job running, daemon exits")]
    public static partial void PowerDownComplete(ILogger log);

    [LoggerMessage(1005, LogLevel.Critical, "another daemon holds the database: {Holder}")]
    public static partial void AnotherDaemon(ILogger log, string holder);

    [LoggerMessage(1006, LogLevel.Critical, "daemon crashed")]
    public static partial void Crashed(ILogger log, Exception exception);

    [LoggerMessage(1007, LogLevel.Information, "daemon stopping: {Running} jobs keep running on their machines and will be adopted at the next start")]
    public static partial void Stopping(ILogger log, int running);

    [LoggerMessage(1008, LogLevel.Warning, "pass failed: {Reason}; the next pass will try again")]
    public static partial void PassFailedDatabase(ILogger log, string reason);

    // The stack trace behind a one-line failure (database away, start refused) adds nothing for an operator; kept for --log-level debug.
    [LoggerMessage(1009, LogLevel.Debug, "failure detail")]
    public static partial void FailureDetail(ILogger log, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "daemon stopped ({Why}); recorded in daemon_tools")]
    public static partial void Stopped(ILogger log, string why);

    [LoggerMessage(1011, LogLevel.Information, "standby on {Host} pid {Pid}: waiting for the daemon lock of {Database} (active daemon: {Active}); looking every {EverySeconds} s")]
    public static partial void StandbyWaiting(ILogger log, string host, int pid, string database, string active, double everySeconds);

    [LoggerMessage(1012, LogLevel.Warning, "standby taking over: the daemon lock was free after {WaitedSeconds:0.0} s of waiting; reconciling the running jobs")]
    public static partial void StandbyTakingOver(ILogger log, double waitedSeconds);

    [LoggerMessage(1013, LogLevel.Warning, "standby: cannot look at the daemon lock ({Reason}); trying again")]
    public static partial void StandbyPollFailed(ILogger log, string reason);

    [LoggerMessage(1014, LogLevel.Information, "power-down: {Phase}")]
    public static partial void PowerDownStandby(ILogger log, string phase);

    [LoggerMessage(1015, LogLevel.Warning, "wake-up listener lost ({Reason}); glancing at daemon_tools every {GlanceSeconds} s until it is back, reconnecting every {RetrySeconds} s")]
    public static partial void WakeupLost(ILogger log, string reason, double glanceSeconds, double retrySeconds);

    [LoggerMessage(1016, LogLevel.Information, "wake-up listener back: passes start again as soon as a change is committed")]
    public static partial void WakeupBack(ILogger log);

    [LoggerMessage(1017, LogLevel.Debug, "woken for a pass by a notification")]
    public static partial void WokenByNotification(ILogger log);

    [LoggerMessage(1019, LogLevel.Critical, "daemon cannot start: {Reason}")]
    public static partial void StartRefused(ILogger log, string reason);

    [LoggerMessage(1020, LogLevel.Information, "job list rebuilt: {Eligible} may run ({Added} new, {Removed} dropped) in {ElapsedMs} ms")]
    public static partial void JobListRebuilt(ILogger log, int eligible, int added, int removed, long elapsedMs);

    [LoggerMessage(1025, LogLevel.Information, "job list of {Frames} changed frame(s) rebuilt: {Eligible} may run there ({Added} new, {Removed} dropped) in {ElapsedMs} ms")]
    public static partial void JobListFramesRebuilt(ILogger log, int frames, int eligible, int added, int removed, long elapsedMs);

    [LoggerMessage(1021, LogLevel.Information, "waiting rows not in the job list: {Reasons}")]
    public static partial void Blocked(ILogger log, string reasons);

    [LoggerMessage(1022, LogLevel.Debug, "{Example}")]
    public static partial void BlockedExample(ILogger log, string example);

    // Info when the reason is new for that job, debug while it stays the same: a job that never fits is said once, not every pass.
    [LoggerMessage(EventId = 1023, Message = "{Job} waits: {Reason}")]
    public static partial void JobWaits(ILogger log, LogLevel level, string job, string reason);

    [LoggerMessage(EventId = 1024, Message = "{Count} pending jobs wait: {Reasons}")]
    public static partial void WaitingSummary(ILogger log, LogLevel level, int count, string reasons);

    [LoggerMessage(1040, LogLevel.Information, "launched job {JobId} {Job} on {Machine} (pid {Pid}, {Cpus} cpus, {Memory} GB, disk {Disk})")]
    public static partial void Launched(ILogger log, long jobId, string job, string machine, int pid, int cpus, double memory, int disk);

    [LoggerMessage(1041, LogLevel.Warning, "launch of job {JobId} {Job} on {Machine} failed: {Reason}; its state is settled when the machine answers")]
    public static partial void LaunchFailed(ILogger log, long jobId, string job, string machine, string reason);

    [LoggerMessage(1042, LogLevel.Information, "job {JobId} {Job} on {Machine} ended: {Outcome}")]
    public static partial void JobEnded(ILogger log, long jobId, string job, string machine, string outcome);

    [LoggerMessage(1043, LogLevel.Warning, "job {JobId} {Job} on {Machine}: process gone without a recorded end; recorded as failed")]
    public static partial void JobLost(ILogger log, long jobId, string job, string machine);

    [LoggerMessage(1044, LogLevel.Information, "adopted job {JobId} {Job} still running on {Machine} (pid {Pid})")]
    public static partial void Adopted(ILogger log, long jobId, string job, string machine, int pid);

    [LoggerMessage(1045, LogLevel.Warning, "job {JobId} {Job} on {Machine} ran longer than {Timeout}; stopping it (SIGTERM to its session, SIGKILL after kill_grace), its budget held until it is gone")]
    public static partial void TimedOut(ILogger log, long jobId, string job, string machine, TimeSpan timeout);

    [LoggerMessage(1046, LogLevel.Information, "job {JobId} {Job} on {Machine} never started ({Reason}); queued again")]
    public static partial void Reverted(ILogger log, long jobId, string job, string machine, string reason);

    [LoggerMessage(1048, LogLevel.Information, "job {JobId} {Job} on {Machine}: claimed {Seconds:0} s ago, no process and no log yet; looked at again next pass")]
    public static partial void LaunchInDoubt(ILogger log, long jobId, string job, string machine, double seconds);

    [LoggerMessage(1047, LogLevel.Information, "job {JobId} {Job}: outcome recovered from its spool file on {Machine}")]
    public static partial void FromSpool(ILogger log, long jobId, string job, string machine);

    [LoggerMessage(1055, LogLevel.Warning, "job {JobId}: its end is recorded, but its spool file {Path} on {Machine} could not be removed: {Reason}")]
    public static partial void SpoolKept(ILogger log, long jobId, string path, string machine, string reason);

    [LoggerMessage(1060, LogLevel.Warning, "machine {Machine} unavailable: {Reason}; next try at {RetryAt:HH:mm:ss}, its jobs are left as they are")]
    public static partial void MachineDown(ILogger log, string machine, string reason, DateTimeOffset retryAt);

    [LoggerMessage(1061, LogLevel.Information, "machine {Machine} answers again")]
    public static partial void MachineBack(ILogger log, string machine);

    // One line per failed retry of a machine already out: shows the circuit breaker's spacing (30 s doubling to 5 min).
    [LoggerMessage(1062, LogLevel.Information, "machine {Machine} still unavailable after {Failures} tries: {Reason}; next try at {RetryAt:HH:mm:ss}")]
    public static partial void MachineStillDown(ILogger log, string machine, int failures, string reason, DateTimeOffset retryAt);

    [LoggerMessage(1049, LogLevel.Warning, "job {JobId} {Job} on {Machine}: job exec is gone but {Count} process(es) of its command still run; stopping them before the job is recorded as lost")]
    public static partial void OrphansFound(ILogger log, long jobId, string job, string machine, int count);

    [LoggerMessage(1050, LogLevel.Warning, "job {JobId} {Job} on {Machine}: {Count} process(es) still there {Seconds:0} s after SIGTERM; sent SIGKILL")]
    public static partial void KillSent(ILogger log, long jobId, string job, string machine, int count, double seconds);

    [LoggerMessage(1051, LogLevel.Error, "job {JobId} {Job} on {Machine}: {Count} process(es) survive SIGKILL (uninterruptible?); its budget stays held until they are gone")]
    public static partial void Unkillable(ILogger log, long jobId, string job, string machine, int count);

    [LoggerMessage(1052, LogLevel.Information, "job {JobId} {Job} on {Machine}: stopped, no process left; recording its end")]
    public static partial void Stopped(ILogger log, long jobId, string job, string machine);

    [LoggerMessage(1070, LogLevel.Information, "submitted job {JobId} {Job} to Slurm on {Machine} (Slurm job {SlurmJobId}, {Cpus} cpus, {Memory} GB, disk {Disk})")]
    public static partial void Submitted(ILogger log, long jobId, string job, string machine, long slurmJobId, int cpus, double memory, int disk);

    [LoggerMessage(1071, LogLevel.Information, "adopted job {JobId} {Job} on {Machine}: Slurm job {SlurmJobId} is {State}")]
    public static partial void AdoptedSlurm(ILogger log, long jobId, string job, string machine, long slurmJobId, string state);

    [LoggerMessage(1072, LogLevel.Warning, "job {JobId} {Job} on {Machine}: Slurm job {SlurmJobId} cancelled ({Why})")]
    public static partial void SlurmCancelled(ILogger log, long jobId, string job, string machine, long slurmJobId, string why);

    [LoggerMessage(1073, LogLevel.Warning, "job {JobId} {Job} on {Machine}: Slurm ended it ({Verdict})")]
    public static partial void EndedBySlurm(ILogger log, long jobId, string job, string machine, string verdict);

    [LoggerMessage(1080, LogLevel.Information, "web console at {Url} (also /metrics and /healthz)")]
    public static partial void WebConsoleListening(ILogger log, string url);

    [LoggerMessage(1081, LogLevel.Error, "web console could not listen on {Listen}; the daemon runs on without it")]
    public static partial void WebConsoleFailed(ILogger log, string listen, Exception exception);

    [LoggerMessage(1053, LogLevel.Warning, "job {JobId} {Job} on {Machine}: cancel requested by {User}; stopping its session")]
    public static partial void CancelRequested(ILogger log, long jobId, string job, string machine, string user);

    [LoggerMessage(1054, LogLevel.Information, "job {JobId} {Job} on {Machine} cancelled by {User}; its row is held, not retried")]
    public static partial void JobCancelled(ILogger log, long jobId, string job, string machine, string user);
}
