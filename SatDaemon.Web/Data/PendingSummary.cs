namespace SatDaemon.Web.Data;

/// <summary>The job list by why it waits: each job counted once, under its first reason; jobs that can never run apart.</summary>
/// <param name="ByFirstReason">Ordinary queueing by the first category of the daemon's last plan (cpus, memory, unavailable…).</param>
/// <param name="NeverRun">Jobs that can never run as configured, by job type and cause.</param>
public sealed record PendingSummary(
    int Total, int BackingOff, int NotPlanned, IReadOnlyList<(string Reason, int Count)> ByFirstReason, IReadOnlyList<NeverRunGroup> NeverRun)
{
    public int NeverRunTotal => NeverRun.Sum(g => g.Count);
}

/// <summary>"9 master_slc, needs 48 GB memory; largest machine 32 GB memory".</summary>
public sealed record NeverRunGroup(string JobType, string Cause, int Count);
