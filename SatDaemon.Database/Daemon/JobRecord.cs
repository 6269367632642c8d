using SatDaemon.Database.Model;

namespace SatDaemon.Database.Daemon;

/// <summary>
/// What names a job in the daemon's records, the same while it waits and while it runs: frame, job type, target row,
/// stage and dates, and the frame's priority it was queued with.
/// </summary>
public sealed record JobRecordKey(
    string FrameId,
    string JobType,
    string TargetTable,
    long TargetId,
    int Stage,
    string StageName,
    DateOnly? Date,
    DateOnly? Date2,
    int Priority)
{
    internal static JobRecordKey Of(JobIdentity job, string stageName, int priority) =>
        new(job.FrameId, job.JobType, job.TargetTable, job.TargetId, job.Stage, stageName, job.Date, job.Date2, priority);
}

/// <summary>
/// A job row as the daemon sees it: its id and <see cref="JobRecordKey"/>, with the key's fields readable directly
/// (a record of a waiting or of a running job reads the same way everywhere it is used).
/// </summary>
public abstract record JobRecord(long Id, JobRecordKey Key)
{
    public string FrameId => Key.FrameId;
    public string JobType => Key.JobType;
    public string TargetTable => Key.TargetTable;
    public long TargetId => Key.TargetId;
    public int Stage => Key.Stage;
    public string StageName => Key.StageName;
    public DateOnly? Date => Key.Date;
    public DateOnly? Date2 => Key.Date2;
    public int Priority => Key.Priority;
}
