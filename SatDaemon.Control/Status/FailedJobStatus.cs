using SatDaemon.Database.Model;

namespace SatDaemon.Control;

/// <summary>
/// One failed_jobs row as an operator reads it: newest first in <see cref="DaemonStatus.RecentFailures"/>, and on the
/// console's frame, image and jobs pages.
/// </summary>
/// <param name="LogTail">The last lines the job wrote (at most 8000 characters), null when it wrote none.</param>
public sealed record FailedJobStatus(
    long JobId,
    string FrameId,
    string JobType,
    string? StageName,
    DateOnly? Date,
    DateOnly? Date2,
    string? Machine,
    int? ExitCode,
    string Error,
    string? LogTail,
    DateTime FailedAt,
    bool Retried)
{
    /// <summary>The row as read; SQLite hands its time back unspecified, and every time is written as UTC.</summary>
    public static FailedJobStatus Of(FailedJob f) =>
        new(f.JobId, f.FrameId, f.JobType, f.StageName, f.Date, f.Date2, f.Machine, f.ExitCode, f.Error, f.LogTail,
            DateTime.SpecifyKind(f.FailedAt, DateTimeKind.Utc), f.Retried);
}
