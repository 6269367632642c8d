namespace SatDaemon.Scheduling;

/// <summary>A per-job-type cap (config <c>max_running</c>) and how many of that type run now.</summary>
public sealed record JobTypeLimit(string JobType, int MaxRunning, int Running);
