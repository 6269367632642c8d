using Microsoft.EntityFrameworkCore;

namespace SatDaemon.Database.Daemon;

// Step 5 of a pass: claim a pending job, build its command, record what the launcher said.
public sealed partial class DaemonStore
{
    /// <summary>
    /// Moves a pending job to running on <paramref name="machine"/> in one transaction (see JobStore.ClaimAsync). Null when
    /// the job is no longer pending or its row moved on; nothing is changed then.
    /// </summary>
    public async Task<RunningJobRecord?> ClaimAsync(PendingJobRecord pending, string machine, int cpus, double memory, int disk,
        Func<long, string> logPathForJob, CancellationToken ct) =>
        await _jobs.ClaimAsync(pending.ToEntity(), machine, cpus, memory, disk, logPathForJob, ct) is { } job
            ? RunningJobRecord.From(job)
            : null;

    /// <summary>Records the pid the launcher (or `ps`) reported. False when the job has already ended.</summary>
    public Task<bool> SetPidAsync(long jobId, int pid, CancellationToken ct) => _jobs.SetPidAsync(jobId, pid, ct);

    /// <summary>Records the Slurm job id of a job on a Slurm machine. False when the job has already ended.</summary>
    public Task<bool> SetSlurmJobIdAsync(long jobId, long slurmJobId, CancellationToken ct) => _jobs.SetSlurmJobIdAsync(jobId, slurmJobId, ct);

    /// <summary>The frame's master date for {master_date}; null when the frame has none yet.</summary>
    public async Task<DateOnly?> MasterDateAsync(string frameId, CancellationToken ct)
    {
        await using var db = _factory.Create();
        return await db.Frames.Where(f => f.Id == frameId).Select(f => f.MasterDate).FirstOrDefaultAsync(ct);
    }
}
