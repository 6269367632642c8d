using System.Diagnostics.CodeAnalysis;

namespace SatDaemon.Database.Model;

/// <summary>Which table a job advances; the names are the table names.</summary>
public static class TargetTables
{
    public const string Master = "master";
    public const string Ifg = "ifg";
    public const string RsarIfg = "rsar_ifg";
    public const string Frames = "frames";
}

/// <summary>
/// What a job is, the same in pending_jobs, running_jobs and failed_jobs: which frame, job type, target row and stage, and
/// the dates. Not an entity of its own (no table, no discriminator): each job table maps these properties as its own
/// columns. A job moving from one table to the next takes them with <see cref="JobIdentity(JobIdentity)"/>.
/// </summary>
public abstract class JobIdentity
{
    protected JobIdentity() { }

    /// <summary>The identity of <paramref name="source"/>, for the row that follows it (pending → running → failed → pending).</summary>
    [SetsRequiredMembers]
    protected JobIdentity(JobIdentity source)
    {
        FrameId = source.FrameId;
        JobType = source.JobType;
        TargetTable = source.TargetTable;
        TargetId = source.TargetId;
        Stage = source.Stage;
        Date = source.Date;
        Date2 = source.Date2;
    }

    public required string FrameId { get; set; }
    public required string JobType { get; set; }
    public required string TargetTable { get; set; }
    public long TargetId { get; set; }
    public int Stage { get; set; }
    public DateOnly? Date { get; set; }
    public DateOnly? Date2 { get; set; }
}

/// <summary>A job the job list says may run now.</summary>
public class PendingJob : JobIdentity
{
    public PendingJob() { }

    /// <summary>The job <paramref name="identity"/> names, queued again at stage <paramref name="stageName"/>.</summary>
    [SetsRequiredMembers]
    public PendingJob(JobIdentity identity, string stageName) : base(identity) => StageName = stageName;

    public long Id { get; set; }
    /// <summary>Rank of the stage in the whole chain (later stages higher): finishing work goes first.</summary>
    public int StageRank { get; set; }
    public required string StageName { get; set; }
    public int Priority { get; set; }
    public DateTime QueuedAt { get; set; }
    /// <summary>Retries wait until then (backoff).</summary>
    public DateTime? NotBefore { get; set; }
    public int Attempt { get; set; }
    /// <summary>
    /// Why the daemon's last plan left it waiting: the planner's reason categories, comma-separated ("cpus",
    /// "memory,unavailable", "type limit"); null until a pass has planned it. ctl status shows it as squeue's REASON.
    /// </summary>
    public string? WaitReason { get; set; }
    /// <summary>
    /// The planner's whole sentence for it, as `satdaemon explain` prints it ("no machine fits: proc01: memory 4 of 16 GB
    /// free, needs 8; proc02: unavailable (…)"); null until a pass has planned it. A job that can never run (its first
    /// category "too big" or "only drained machines fit") reads "CAUSE; it can never run …": the console groups by CAUSE.
    /// </summary>
    public string? WaitDetail { get; set; }
}

/// <summary>A job launched on a machine; the row holds its resources until its end is recorded.</summary>
public class RunningJob : JobIdentity
{
    public RunningJob() { }

    /// <summary>The job <paramref name="identity"/> names, launched on <paramref name="machine"/>.</summary>
    [SetsRequiredMembers]
    public RunningJob(JobIdentity identity, string stageName, string machine) : base(identity) => (StageName, Machine) = (stageName, machine);

    /// <summary>The job id passed to job exec; never reused.</summary>
    public long Id { get; set; }
    public required string StageName { get; set; }
    public int Priority { get; set; }
    public required string Machine { get; set; }
    /// <summary>Process id of job exec on the machine; null until it has started.</summary>
    public int? Pid { get; set; }
    /// <summary>On a Slurm machine, the Slurm job id sbatch gave (squeue and scancel use it); null elsewhere.</summary>
    public long? SlurmJobId { get; set; }
    public int Cpus { get; set; }
    public double Memory { get; set; }
    public int Disk { get; set; }
    public double? Progress { get; set; }
    public string? Message { get; set; }
    public string? LogPath { get; set; }
    public DateTime StartedAt { get; set; }
    /// <summary>When the job entered pending_jobs (kept from the pending row at claim, for ctl show); null for jobs claimed before it was kept.</summary>
    public DateTime? QueuedAt { get; set; }
    public DateTime? LastReportAt { get; set; }
    public int Attempt { get; set; }
    /// <summary>The job type's software version job exec read when the job started (version or version_file); null when none is configured.</summary>
    public string? SoftwareVersion { get; set; }
    /// <summary>Why the daemon is stopping this job (timeout, lost job exec); becomes the recorded error. Null while it runs normally.</summary>
    public string? StopReason { get; set; }
    /// <summary>When SIGTERM went to the job's session; SIGKILL follows after kill_grace. The budget stays held until no process is left.</summary>
    public DateTime? StopRequestedAt { get; set; }
    /// <summary>When SIGKILL went to the job's session.</summary>
    public DateTime? KillSentAt { get; set; }
    /// <summary>ctl cancel: when an operator asked for the job to be stopped. The daemon (which owns SSH) carries it out.</summary>
    public DateTime? CancelRequestedAt { get; set; }
    /// <summary>Who asked (the OS user that ran ctl cancel); the job is recorded as "cancelled by" them.</summary>
    public string? CancelRequestedBy { get; set; }
}

/// <summary>A job that ended badly, with what the operator needs to see why.</summary>
public class FailedJob : JobIdentity
{
    public FailedJob() { }

    /// <summary>The job <paramref name="identity"/> names, failed with <paramref name="error"/>.</summary>
    [SetsRequiredMembers]
    public FailedJob(JobIdentity identity, string error) : base(identity) => Error = error;

    public long Id { get; set; }
    public long JobId { get; set; }
    public string? StageName { get; set; }
    public string? Machine { get; set; }
    public int? ExitCode { get; set; }
    public required string Error { get; set; }
    public string? LogTail { get; set; }
    public DateTime FailedAt { get; set; }
    public int Attempt { get; set; }
    /// <summary>Set when the failure was put back to waiting (automatic retry or ctl retry).</summary>
    public bool Retried { get; set; }
    /// <summary>The software version the failed run ran with (running_jobs' software_version); null when none was configured.</summary>
    public string? SoftwareVersion { get; set; }
    /// <summary>What the run took until it failed (measured by job exec; null when it could not measure): wall and CPU seconds, peak memory, MB read and written.</summary>
    public double? WallS { get; set; }
    public double? CpuS { get; set; }
    public double? PeakRssMb { get; set; }
    public double? ReadMb { get; set; }
    public double? WriteMb { get; set; }
}

/// <summary>job_events: the audit trail of every job (launched, running, progress, warning, finished, failed, adopted).</summary>
public class JobEvent
{
    public long Id { get; set; }
    public long JobId { get; set; }
    public required string Kind { get; set; }
    public string? FrameId { get; set; }
    public string? Machine { get; set; }
    /// <summary>The job's type on launches, ends and cancellations (for counts by type); null on progress and messages.</summary>
    public string? JobType { get; set; }
    public string? Message { get; set; }
    public DateTime Time { get; set; }
}

/// <summary>Kinds of job_events rows.</summary>
public static class JobEventKinds
{
    public const string Launched = "launched";
    public const string Running = SatDaemon.JobRecords.JobStartRecord.RunningEvent;
    public const string Progress = "progress";
    public const string Warning = SatDaemon.JobRecords.JobEndRecord.WarningEvent;
    public const string Error = "error";
    public const string Finished = SatDaemon.JobRecords.JobEndRecord.FinishedEvent;
    public const string Failed = SatDaemon.JobRecords.JobEndRecord.FailedEvent;
    public const string Adopted = "adopted";
    public const string Cancelled = SatDaemon.JobRecords.JobEndRecord.CancelledEvent;
    public const string Stopping = "stopping";
    /// <summary>The run's measured peak memory or mean cores exceeded its budget by more than over_budget_margin.</summary>
    public const string OverBudget = SatDaemon.JobRecords.JobEndRecord.OverBudgetEvent;
}
