namespace SatDaemon.Scheduling;

/// <summary>A decision to launch <paramref name="Job"/> on the machine named <paramref name="Machine"/>.</summary>
public sealed record Placement(JobCandidate Job, string Machine);
