using SatDaemon.Database.Model;

namespace SatDaemon.Database.Daemon;

/// <summary>A pending_jobs row as the daemon plans and claims it and the console lists it; times are UTC, NotBefore set while a retry waits out its backoff.</summary>
public sealed record PendingJobRecord(
    long Id,
    JobRecordKey Key,
    int StageRank,
    DateTime QueuedAt,
    DateTime? NotBefore,
    int Attempt) : JobRecord(Id, Key)
{
    public static PendingJobRecord From(PendingJob p) => new(p.Id, JobRecordKey.Of(p, p.StageName, p.Priority), p.StageRank,
        Utc.Of(p.QueuedAt), Utc.Of(p.NotBefore), p.Attempt);

    /// <summary>A detached entity with the fields <see cref="Jobs.JobStore.ClaimAsync"/> reads; never attached to a context.</summary>
    internal PendingJob ToEntity() => new()
    {
        Id = Id, FrameId = FrameId, JobType = JobType, TargetTable = TargetTable, TargetId = TargetId, Stage = Stage,
        StageRank = StageRank, StageName = StageName, Date = Date, Date2 = Date2, Priority = Priority, QueuedAt = QueuedAt,
        NotBefore = NotBefore, Attempt = Attempt,
    };
}
