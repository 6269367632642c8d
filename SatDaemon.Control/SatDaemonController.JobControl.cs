using SatDaemon.Database;
using SatDaemon.Database.Api;
using SatDaemon.Configuration;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;

namespace SatDaemon.Control;

// Slurm-grade job control (ctl cancel, hold, release, drain, resume, show). Each change is one transaction written by
// OperatorRequests with a job-list request beside it; the daemon carries it out at its next pass.
public sealed partial class SatDaemonController
{
    /// <summary>
    /// Asks the daemon to stop a running job (its whole session; TERM, then KILL after kill_grace). The job is recorded as
    /// cancelled, its row held at its stage, not retried. Not found: the job is not running (ended, or never was).
    /// </summary>
    public Task<SettingChange> CancelJobAsync(long jobId, string user, CancellationToken ct = default) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var job = await tx.RunningJobAsync(jobId, ct)
                ?? throw new NotFoundException(await tx.HasEventsAsync(jobId, ct)
                    ? $"job {jobId} is not running (it has ended; see ctl show {jobId})"
                    : $"no running job {jobId}");
            if (job.CancelRequestedAt is not null)
                return new SettingChange($"job {jobId}", "cancel", $"requested by {job.CancelRequestedBy}", $"requested by {job.CancelRequestedBy}");
            await tx.Requests.RequestCancelAsync(jobId, user, ct);
            await tx.RequestJobListAsync(job.FrameId, ct);
            var change = new SettingChange($"job {jobId} ({job.JobType} {job.FrameId} on {job.Machine})", "cancel", "running", $"requested by {user}")
                { Because = "the daemon stops its processes at its next pass; the row is then held (ctl release FRAME runs it again)" };
            Audit(tx, change, job.FrameId);
            return change;
        }, ct);

    /// <summary>Cancels a pending job (by its pending_jobs id): removed from the job list, its row held so it is not queued again.</summary>
    public Task<SettingChange> CancelPendingAsync(long pendingId, CancellationToken ct = default) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var pending = await tx.Requests.CancelPendingJobAsync(pendingId, ct)
                ?? throw new NotFoundException($"no pending job {pendingId} (launched or removed meanwhile?)");
            await tx.RequestJobListAsync(pending.FrameId, ct);
            var change = new SettingChange($"pending job {pendingId} ({pending.JobType} {pending.FrameId} {pending.Date:yyyy-MM-dd})", "cancel", "pending", "cancelled")
                { Because = "its row is held; ctl release " + pending.FrameId + " queues it again" };
            Audit(tx, change, pending.FrameId);
            return change;
        }, ct);

    /// <summary>The frame keeps its level, but nothing new starts for it; running jobs finish.</summary>
    public Task<SettingChange> HoldFrameAsync(string frameId, string user, CancellationToken ct = default) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var frame = await FindFrameAsync(tx, frameId, ct);
            var before = tx.Requests.HoldFrame(frame, user);
            await tx.RequestJobListAsync(frameId, ct);
            var change = new SettingChange("frame " + frameId, "hold", before is null ? "off" : "on", "on");
            Audit(tx, change, frameId);
            return change;
        }, ct);

    /// <summary>Lifts a frame's hold and puts rows held by ctl cancel back to waiting.</summary>
    public Task<SettingChange> ReleaseFrameAsync(string frameId, CancellationToken ct = default) =>
        _db.ControlAsync(_actor, _time, async tx =>
        {
            var frame = await FindFrameAsync(tx, frameId, ct);
            var before = frame.HeldAt is null ? "off" : "on";
            var released = await tx.Requests.ReleaseFrameAsync(frame, ct);
            await tx.RequestJobListAsync(frameId, ct);
            var change = new SettingChange("frame " + frameId, "hold", before, "off")
                { Because = released == 0 ? null : $"{released} cancelled row(s) back to waiting" };
            Audit(tx, change, frameId);
            return change;
        }, ct);

    /// <summary>Nothing new starts on <paramref name="machine"/> (a [PROC_MACHINES:*] name); running jobs finish.</summary>
    public Task<SettingChange> DrainMachineAsync(string machine, IReadOnlyList<MachineOptions> machines, string user, CancellationToken ct = default)
    {
        RequireMachine(machine, machines);
        return _db.ControlAsync(_actor, _time, async tx =>
        {
            var existing = await tx.Requests.DrainAsync(machine, user, ct);
            await tx.RequestJobListAsync(ct);
            var change = new SettingChange("machine " + machine, "drain", existing is null ? "off" : "on", "on");
            Audit(tx, change, null);
            return change;
        }, ct);
    }

    /// <summary>The machine takes new jobs again.</summary>
    public Task<SettingChange> ResumeMachineAsync(string machine, IReadOnlyList<MachineOptions> machines, CancellationToken ct = default)
    {
        RequireMachine(machine, machines);
        return _db.ControlAsync(_actor, _time, async tx =>
        {
            var was = await tx.Requests.ResumeAsync(machine, ct);
            await tx.RequestJobListAsync(ct);
            var change = new SettingChange("machine " + machine, "drain", was ? "on" : "off", "off");
            Audit(tx, change, null);
            return change;
        }, ct);
    }

    /// <summary>What scontrol show job gives: the job, its machine, resources, times, state and events.</summary>
    public Task<JobDetails> ShowJobAsync(long jobId, CancellationToken ct = default) => new JobDetailsReader(_factory).ReadAsync(jobId, ct);

    private static async Task<Frame> FindFrameAsync(ControlTransaction tx, string frameId, CancellationToken ct) =>
        await tx.FindFrameAsync(frameId, ct) ?? throw new NotFoundException($"unknown frame {frameId}");

    private static void RequireMachine(string machine, IReadOnlyList<MachineOptions> machines)
    {
        if (machines.Any(m => m.Name == machine)) return;
        var names = machines.Select(m => m.Name).ToList();
        var near = NearestName.Find(machine, names) is { } n ? $"; did you mean {n}?" : "";
        throw new ArgumentException($"unknown machine '{machine}': the config has [PROC_MACHINES:{string.Join("], [PROC_MACHINES:", names)}]{near}");
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
