namespace SatDaemon.Web.Data;

/// <summary>A failed_jobs row with its error and log tail.</summary>
public sealed record FailedJobView(
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
    bool Retried);
