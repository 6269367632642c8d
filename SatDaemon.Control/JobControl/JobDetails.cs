namespace SatDaemon.Control;

/// <summary>
/// One job as ctl show prints it (what `scontrol show job` gives). A running job has everything from its running_jobs
/// row; an ended one what job_events and failed_jobs keep (resources and pid are not kept past the end: null then).
/// Times are UTC.
/// </summary>
/// <param name="SoftwareVersion">The software version the run ran with (job exec's start record); null when none was configured or not known.</param>
/// <param name="State">RUNNING, STOPPING (a stop or cancel is on its way), COMPLETED, FAILED or CANCELLED.</param>
public sealed record JobDetails(
    long JobId,
    string State,
    string? FrameId,
    string? JobType,
    string? StageName,
    DateOnly? Date,
    DateOnly? Date2,
    string? Machine,
    int? Pid,
    int? Cpus,
    double? Memory,
    int? Disk,
    DateTime? QueuedAt,
    DateTime? LaunchedAt,
    DateTime? EndedAt,
    int? ExitCode,
    string? Error,
    string? LogPath,
    double? Progress,
    string? CancelRequestedBy,
    IReadOnlyList<JobEventLine> Events,
    string? SoftwareVersion = null);

/// <summary>One job_events row.</summary>
public sealed record JobEventLine(DateTime Time, string Kind, string? Machine, string? Message);
