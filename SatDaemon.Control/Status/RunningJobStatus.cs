using SatDaemon.Database.Model;

namespace SatDaemon.Control;

/// <summary>One running_jobs row as an operator reads it.</summary>
/// <param name="Progress">Percent 0–100 reported by the job (JobLogger.ProgressAsync), null before its first report.</param>
/// <param name="Cpus">Budget the job holds on its machine, as are Memory (GB) and Disk (I/O units).</param>
public sealed record RunningJobStatus(
    long JobId,
    string FrameId,
    string JobType,
    string StageName,
    DateOnly? Date,
    DateOnly? Date2,
    string Machine,
    int? Pid,
    double? Progress,
    string? Message,
    DateTime StartedAt,
    int Cpus,
    double Memory,
    int Disk)
{
    /// <summary>The row as read; SQLite hands its time back unspecified, and every time is written as UTC.</summary>
    public static RunningJobStatus Of(RunningJob j) =>
        new(j.Id, j.FrameId, j.JobType, j.StageName, j.Date, j.Date2, j.Machine, j.Pid, j.Progress, j.Message,
            DateTime.SpecifyKind(j.StartedAt, DateTimeKind.Utc), j.Cpus, j.Memory, j.Disk);
}
