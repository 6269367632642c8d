using SatDaemon.Database.Model;

namespace SatDaemon.Database.Daemon;

/// <summary>
/// A running_jobs row as the daemon reconciles, stops and launches it; times are UTC. Progress and messages are the
/// JobLogger's business and stay out.
/// </summary>
public sealed record RunningJobRecord(
    long Id,
    JobRecordKey Key,
    string Machine,
    int? Pid,
    int Cpus,
    double Memory,
    int Disk,
    string? LogPath,
    DateTime StartedAt,
    DateTime? LastReportAt,
    int Attempt,
    string? StopReason,
    DateTime? StopRequestedAt,
    DateTime? KillSentAt,
    DateTime? CancelRequestedAt = null,
    string? CancelRequestedBy = null,
    long? SlurmJobId = null,
    DateTime? CommandStartedAt = null) : JobRecord(Id, Key)
{
    internal static RunningJobRecord From(RunningJob r) => new(r.Id, JobRecordKey.Of(r, r.StageName, r.Priority), r.Machine,
        r.Pid, r.Cpus, r.Memory, r.Disk, r.LogPath, Utc.Of(r.StartedAt), Utc.Of(r.LastReportAt), r.Attempt, r.StopReason, Utc.Of(r.StopRequestedAt), Utc.Of(r.KillSentAt),
        Utc.Of(r.CancelRequestedAt), r.CancelRequestedBy, r.SlurmJobId);
}
