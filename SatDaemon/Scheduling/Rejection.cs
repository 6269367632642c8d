namespace SatDaemon.Scheduling;

/// <summary>A job left waiting this pass, with a reason that names machines and numbers.</summary>
/// <param name="Categories">The <see cref="ReasonCategory"/> names that held it back (one per kind of "no"; a job short
/// of memory on one machine and of cpus on another has both), as squeue's REASON column shows them.</param>
public sealed record Rejection(JobCandidate Job, string Reason, IReadOnlyList<string> Categories);
