namespace SatDaemon.Web.Data;

/// <summary>A pending_jobs row; NotBefore is set while a retry waits out its backoff.</summary>
public sealed record PendingJobView(
    long Id,
    string FrameId,
    string JobType,
    string StageName,
    DateOnly? Date,
    DateOnly? Date2,
    int Priority,
    DateTime QueuedAt,
    DateTime? NotBefore,
    int Attempt);
