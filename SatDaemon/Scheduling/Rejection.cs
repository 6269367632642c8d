namespace SatDaemon.Scheduling;

/// <summary>A job left waiting this pass, with a reason that names machines and numbers.</summary>
public sealed record Rejection(JobCandidate Job, string Reason);
