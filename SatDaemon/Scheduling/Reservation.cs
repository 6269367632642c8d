namespace SatDaemon.Scheduling;

/// <summary>A machine held for a starved job: later jobs in the same plan may only use what the job leaves over.</summary>
public sealed record Reservation(JobCandidate Job, string Machine);
