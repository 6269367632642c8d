using SatDaemon.Database.Queries;

namespace SatDaemon.Database.Daemon;

/// <summary>A job list computed but not written: what the stage rules allow now and why the other waiting rows wait.</summary>
public sealed record JobListPreview(JobListResult Rules, IReadOnlyList<PendingJobRecord> Jobs);
