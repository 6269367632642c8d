using SatDaemon.Database.Model;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Jobs;

/// <summary>A PendingJob entity as the columns <see cref="PendingJobsTable"/> (SatDaemon.JobRecords) inserts.</summary>
internal static class PendingJobRows
{
    public static PendingJobRow Of(PendingJob j) => new(j.FrameId, j.JobType, j.TargetTable, j.TargetId, j.Stage, j.StageName, j.StageRank,
        j.Date, j.Date2, j.Priority, j.QueuedAt, j.Attempt, j.NotBefore);
}
