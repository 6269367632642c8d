using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobProtocol;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// Every state change of a job, as guarded updates: each names the state it expects
/// (UPDATE … WHERE id = @id AND proc_status = @expected), and zero rows means another process got there first.
/// The daemon and the JobLogger both go through here, so a job's end is recorded exactly once:
/// whoever deletes the running_jobs row records the outcome, in the same transaction.
/// </summary>
public sealed partial class JobStore(SatDbFactory factory, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public SatDbFactory Factory => factory;

    /// <summary>
    /// Moves a pending job to running on <paramref name="machine"/>: deletes the pending row, marks the target row
    /// running (only if still waiting at that stage), hands out a job id and inserts the running_jobs row.
    /// Returns null when the job is no longer pending or its row moved on; nothing is changed then.
    /// </summary>
    public async Task<RunningJob?> ClaimAsync(PendingJob pending, string machine, int cpus, double memory, int disk,
        Func<long, string> logPathForJob, CancellationToken ct)
    {
        await using var db = factory.Create();
        await using var tx = await BeginAsync(db, ct);
        if (await PendingJobsTable.TakeAsync(await EfJobSql.OfAsync(db, ct), pending.Id, ct) == 0) return null;
        if (await Rows(db).StartAsync(ProcTarget.Of(pending), pending.Stage, ct) == 0)
        {
            await tx.RollbackAsync(ct);
            return null;
        }
        var jobId = await NextJobIdAsync(db, ct);
        var job = new RunningJob(pending, pending.StageName, machine)
        {
            Id = jobId,
            Priority = pending.Priority,
            Cpus = cpus,
            Memory = memory,
            Disk = disk,
            LogPath = logPathForJob(jobId),
            StartedAt = Now,
            QueuedAt = pending.QueuedAt,
            Attempt = pending.Attempt,
        };
        await RunningJobsTable.InsertAsync(await EfJobSql.OfAsync(db, ct), RowOf(job), ct);
        // The log path rides on the launch event: ctl log and ctl show find an ended job's log by it.
        db.JobEvents.Add(Event(jobId, JobEventKinds.Launched, job.FrameId, machine, $"{job.JobType} {Describe(job)}{LaunchedLogMarker}{job.LogPath}", job.JobType));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return job;
    }

    /// <summary>Records the pid the launcher reported. False when the job has already ended.</summary>
    public async Task<bool> SetPidAsync(long jobId, int pid, CancellationToken ct)
    {
        await using var db = factory.Create();
        return await RunningJobsTable.SetPidAsync(await EfJobSql.OfAsync(db, ct), jobId, pid, ct) == 1;
    }

    /// <summary>Records the Slurm job id sbatch (or squeue, after a restart) gave the job. False when the job has already ended.</summary>
    public async Task<bool> SetSlurmJobIdAsync(long jobId, long slurmJobId, CancellationToken ct)
    {
        await using var db = factory.Create();
        return await RunningJobsTable.SetSlurmJobIdAsync(await EfJobSql.OfAsync(db, ct), jobId, slurmJobId, ct) == 1;
    }

    /// <summary>The JobLogger's first report: the job runs with this pid. False when the job is not running (refused).</summary>
    public Task<bool> MarkStartedAsync(long jobId, int pid, CancellationToken ct) => MarkStartedAsync(jobId, pid, _ => null, ct);

    /// <summary>The first report, with the software version of the job type's runs as job exec found it (see <see cref="JobStartRecord"/>).</summary>
    public async Task<bool> MarkStartedAsync(long jobId, int pid, Func<string, string?> versionOf, CancellationToken ct)
    {
        await using var db = factory.Create();
        await using var tx = await BeginAsync(db, ct);
        if (!await JobStartRecord.MarkStartedAsync(await EfJobSql.OfAsync(db, ct), jobId, pid, Now, versionOf, ct)) return false;
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Progress (0-100) and/or a message. False when the job is not running (refused).</summary>
    public async Task<bool> ReportProgressAsync(long jobId, double? percent, string? message, CancellationToken ct)
    {
        await using var db = factory.Create();
        var now = Now;
        var n = await RunningJobsTable.ReportProgressAsync(await EfJobSql.OfAsync(db, ct), jobId, percent, message, now, ct);
        if (n == 0) return false;
        db.JobEvents.Add(Event(jobId, JobEventKinds.Progress, null, null, percent is null ? message : $"{percent:0.#}% {message}".TrimEnd()));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A warning or an error message from the job, kept in job_events. Returns the job's running_jobs row (for the
    /// Teams card), null when the job is not running.
    /// </summary>
    public async Task<RunningJob?> ReportMessageAsync(long jobId, string kind, string message, CancellationToken ct)
    {
        await using var db = factory.Create();
        var job = await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return null;
        await RunningJobsTable.SetMessageAsync(await EfJobSql.OfAsync(db, ct), jobId, message, ct);
        db.JobEvents.Add(Event(jobId, kind, job.FrameId, job.Machine, message));
        await db.SaveChangesAsync(ct);
        return job;
    }

    public async Task<RunningJob?> FindRunningAsync(long jobId, CancellationToken ct)
    {
        await using var db = factory.Create();
        return await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
    }

    /// <summary>Success: the row's stage advances (or completes) and the job's resources are freed, once.</summary>
    public Task<JobOutcome> RecordSuccessAsync(long jobId, CancellationToken ct) => RecordSuccessAsync(jobId, null, ct);

    /// <summary>
    /// Success, with what the run took (kept in job_usage; null when it was not measured): <see cref="JobEndRecord"/>
    /// (SatDaemon.JobRecords), the statements the native job exec runs too, in a transaction on EF's connection.
    /// </summary>
    public Task<JobOutcome> RecordSuccessAsync(long jobId, JobUsage? usage, CancellationToken ct) =>
        RecordEndAsync((sql, now) => JobEndRecord.RecordSuccessAsync(sql, jobId, usage, OverBudgetMargin, now, ct), ct);

    /// <summary>
    /// Failure: failed_jobs row, proc_status 4 (or back to waiting with a delayed pending job while retries remain),
    /// resources freed, once.
    /// </summary>
    public Task<JobOutcome> RecordFailureAsync(long jobId, int? exitCode, string error, string? logTail, int retriesAllowed, CancellationToken ct) =>
        RecordFailureAsync(jobId, exitCode, error, logTail, retriesAllowed, null, ct);

    /// <summary>
    /// Failure, with what the run took until then (on failed_jobs and in job_usage; null when it was not measured). A job
    /// an operator cancelled (ctl cancel) ends here too, as cancelled: its row held, no failed_jobs row, no retry.
    /// </summary>
    public Task<JobOutcome> RecordFailureAsync(long jobId, int? exitCode, string error, string? logTail, int retriesAllowed, JobUsage? usage,
        CancellationToken ct) =>
        RecordEndAsync((sql, now) => JobEndRecord.RecordFailureAsync(sql, jobId, exitCode, error, logTail, retriesAllowed, usage, OverBudgetMargin, now, ct), ct);

    private async Task<JobOutcome> RecordEndAsync(Func<JobSql, DateTime, Task<JobEndResult>> record, CancellationToken ct)
    {
        await using var db = factory.Create();
        await using var tx = await BeginAsync(db, ct);
        var end = await record(await EfJobSql.OfAsync(db, ct), Now);
        if (end.Kind == JobEndKind.AlreadyEnded) return JobOutcome.AlreadyEnded;
        await tx.CommitAsync(ct);
        return JobOutcomes.Of(end);
    }

    /// <summary>
    /// The daemon is stopping the job (timeout, lost job exec): the reason and the time SIGTERM goes out are kept on the
    /// running row, which holds the job's budget until none of its processes is left. The reason becomes the recorded
    /// error, whoever records the end. False when the job has ended or is already being stopped.
    /// </summary>
    public async Task<bool> RequestStopAsync(long jobId, string reason, CancellationToken ct)
    {
        await using var db = factory.Create();
        var now = Now;
        var n = await RunningJobsTable.RequestStopAsync(await EfJobSql.OfAsync(db, ct), jobId, Truncate(reason, 2000), now, ct);
        if (n == 0) return false;
        var job = await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        db.JobEvents.Add(Event(jobId, JobEventKinds.Stopping, job?.FrameId, job?.Machine, "stopping: " + reason));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>SIGKILL went to the job's session (kill_grace after SIGTERM). False when the job has ended.</summary>
    public async Task<bool> MarkKillSentAsync(long jobId, CancellationToken ct)
    {
        await using var db = factory.Create();
        var now = Now;
        return await RunningJobsTable.MarkKillSentAsync(await EfJobSql.OfAsync(db, ct), jobId, now, ct) == 1;
    }

    /// <summary>
    /// A claimed job that provably never started (no process, no log): its row goes back to waiting and
    /// the job is queued again, so nothing is lost and nothing ran twice.
    /// </summary>
    public async Task<bool> RevertUnstartedAsync(long jobId, string reason, CancellationToken ct)
    {
        await using var db = factory.Create();
        await using var tx = await BeginAsync(db, ct);
        var job = await db.RunningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        // Guarded on "job exec never reported": its first report (MarkStartedAsync) sets last_report_at before the
        // command runs, so of a late start and this revert exactly one wins — the start is refused, or the job is kept.
        // (The pid alone would not do: the daemon also records the pid the launch shell printed.)
        if (job is null || await RunningJobsTable.DeleteUnreportedAsync(await EfJobSql.OfAsync(db, ct), jobId, ct) == 0) return false;
        // A job cancelled before it started must not be queued again: its row is held instead.
        if (job.CancelRequestedAt is not null) await Rows(db).HoldCancelledAsync(ProcTarget.Of(job), job.Stage, ct);
        else await Rows(db).RevertAsync(ProcTarget.Of(job), job.Stage, ct);
        db.JobEvents.Add(Event(jobId, JobEventKinds.Cancelled, job.FrameId, job.Machine, "not started: " + reason, job.JobType));
        await DaemonFlags.RequestJobListAsync(db, job.FrameId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task AddEventAsync(long jobId, string kind, string? frameId, string? machine, string message, CancellationToken ct)
    {
        await using var db = factory.Create();
        db.JobEvents.Add(Event(jobId, kind, frameId, machine, message));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Power-down: every pending job is cancelled. Returns how many.</summary>
    public async Task<int> CancelAllPendingAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        return await PendingJobsTable.DeleteAllAsync(await EfJobSql.OfAsync(db, ct), ct);
    }

    /// <summary>The rows a job advances (master, ifg, rsar_ifg, a frame's time series) change only through here.</summary>
    private ProcRowTransitions Rows(SatDbContext db) => new(db, Now);

    private static async Task<IDbContextTransaction> BeginAsync(SatDbContext db, CancellationToken ct) =>
        await db.Database.BeginTransactionAsync(ct);

    private static async Task<long> NextJobIdAsync(SatDbContext db, CancellationToken ct)
    {
        // The update takes the row lock first, so two claimers can never read the same id.
        if (await db.JobIds.Where(j => j.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(j => j.LastId, j => j.LastId + 1), ct) == 0)
        {
            db.JobIds.Add(new JobIdSequence { Id = 1, LastId = 1 });
            await db.SaveChangesAsync(ct);
            return 1;
        }
        return await db.JobIds.Where(j => j.Id == 1).Select(j => j.LastId).SingleAsync(ct);
    }

    private JobEvent Event(long jobId, string kind, string? frameId, string? machine, string? message, string? jobType = null) => new()
    {
        JobId = jobId, Kind = kind, FrameId = frameId, Machine = machine, Message = message is null ? null : Truncate(message, 2000), Time = Now,
        JobType = jobType,
    };

    private static RunningJobRow RowOf(RunningJob j) => new(j.Id, j.StageName, j.Priority, j.Machine, j.Cpus, j.Memory, j.Disk, j.LogPath,
        j.StartedAt, j.QueuedAt, j.Attempt, j.FrameId, j.JobType, j.TargetTable, j.TargetId, j.Stage, j.Date, j.Date2);

    private static string Describe(RunningJob j) => JobDescription.Of(j.FrameId, j.TargetTable, j.Date, j.Date2, j.StageName);

    /// <summary>Between a launch event's description and the job's log path.</summary>
    public const string LaunchedLogMarker = "; log ";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
