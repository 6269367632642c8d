namespace SatDaemon.Control.Jobs;

/// <summary>A report for a job that is not running: unknown, or its end was already recorded (e.g. by the daemon after a timeout).</summary>
public sealed class JobNotRunningException(long jobId)
    : InvalidOperationException($"job {jobId} is not running (unknown or already finished)")
{
    public long JobId { get; } = jobId;
}
