using SatDaemon.Database.Model;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Jobs;

/// <summary>A job end recorded by <see cref="JobEndRecord"/> (plain SQL), as the entities JobStore's callers read (not tracked).</summary>
internal static class JobOutcomes
{
    public static JobOutcome Of(JobEndResult end) => new(
        end.Kind switch { JobEndKind.Cancelled => JobOutcomeKind.Cancelled, JobEndKind.AlreadyEnded => JobOutcomeKind.AlreadyEnded, _ => JobOutcomeKind.Recorded },
        end.Job is { } j ? Running(j) : null, end.Failure is { } f ? Failed(f) : null, end.WillRetry);

    private static RunningJob Running(EndedJob j) => new()
    {
        Id = j.Id, StageName = j.StageName, Priority = j.Priority, Machine = j.Machine, Pid = j.Pid, SlurmJobId = j.SlurmJobId, Cpus = j.Cpus,
        Memory = j.Memory, Disk = j.Disk, Progress = j.Progress, Message = j.Message, LogPath = j.LogPath, StartedAt = j.StartedAt,
        QueuedAt = j.QueuedAt, LastReportAt = j.LastReportAt, Attempt = j.Attempt, SoftwareVersion = j.SoftwareVersion, StopReason = j.StopReason,
        StopRequestedAt = j.StopRequestedAt, KillSentAt = j.KillSentAt, CancelRequestedAt = j.CancelRequestedAt, CancelRequestedBy = j.CancelRequestedBy,
        FrameId = j.FrameId, JobType = j.JobType, TargetTable = j.TargetTable, TargetId = j.TargetId, Stage = j.Stage, Date = j.Date, Date2 = j.Date2,
    };

    private static FailedJob Failed(FailedJobRow f) => new()
    {
        JobId = f.JobId, FrameId = f.FrameId, JobType = f.JobType, TargetTable = f.TargetTable, TargetId = f.TargetId, Stage = f.Stage, Date = f.Date,
        Date2 = f.Date2, StageName = f.StageName, Machine = f.Machine, ExitCode = f.ExitCode, Error = f.Error, LogTail = f.LogTail, FailedAt = f.FailedAt,
        Attempt = f.Attempt, Retried = f.Retried, SoftwareVersion = f.SoftwareVersion, WallS = f.Usage?.WallSeconds, CpuS = f.Usage?.CpuSeconds,
        PeakRssMb = f.Usage?.PeakRssMb, ReadMb = f.Usage?.ReadMb, WriteMb = f.Usage?.WriteMb,
    };
}
