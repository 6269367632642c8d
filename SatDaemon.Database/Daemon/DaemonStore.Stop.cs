namespace SatDaemon.Database.Daemon;

// Stopping jobs (timeout, lost job exec) and power-down.
public sealed partial class DaemonStore
{
    /// <summary>Keeps the stop's reason and the SIGTERM time on the running row. False when the job has ended or is already being stopped.</summary>
    public Task<bool> RequestStopAsync(long jobId, string reason, CancellationToken ct) => _jobs.RequestStopAsync(jobId, reason, ct);

    /// <summary>SIGKILL went to the job's session. False when the job has ended.</summary>
    public Task<bool> MarkKillSentAsync(long jobId, CancellationToken ct) => _jobs.MarkKillSentAsync(jobId, ct);

    /// <summary>Power-down: every pending job is cancelled; returns how many.</summary>
    public Task<int> CancelPendingForPowerDownAsync(CancellationToken ct) => _jobs.CancelAllPendingAsync(ct);
}
