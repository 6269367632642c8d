namespace SatDaemon.Control;

/// <summary>One failed_jobs row, newest first in <see cref="DaemonStatus.RecentFailures"/>.</summary>
public sealed record RecentFailure(
    long JobId,
    string FrameId,
    string JobType,
    string? StageName,
    DateOnly? Date,
    DateOnly? Date2,
    string? Machine,
    int? ExitCode,
    string Error,
    DateTime FailedAt,
    bool Retried);
