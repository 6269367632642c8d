using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.JobRecords;

using SatDaemon.Database.Frames;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of an operator's job control (ctl cancel, hold, release, drain, resume), beside
/// <see cref="DaemonFlags"/>. Each is a named operation inside the caller's transaction; the caller adds the job-list
/// request, so the daemon acts on it at its next pass. The database only keeps the request: the daemon owns SSH and
/// carries a cancel out (SIGTERM, SIGKILL after kill_grace), and the planner reads holds and drains.
/// </summary>
public sealed class OperatorRequests(SatDbContext db, DateTime now)
{
    /// <summary>
    /// Asks the daemon to stop a running job. Guarded: only a running job not already being cancelled; false otherwise
    /// (it ended meanwhile, or a cancel is already on its way).
    /// </summary>
    public async Task<bool> RequestCancelAsync(long jobId, string user, CancellationToken ct)
    {
        var n = await RunningJobsTable.RequestCancelAsync(await EfJobSql.OfAsync(db, ct), jobId, user, now, ct);
        if (n == 0) return false;
        db.JobEvents.Add(new JobEvent { JobId = jobId, Kind = JobEventKinds.Stopping, Message = $"cancel requested by {user}", Time = now });
        return true;
    }

    /// <summary>
    /// Cancels a job not yet launched: its pending_jobs row goes and its target row is held at its stage, so the next
    /// job list does not queue it again. Null when no such pending job exists (launched or gone meanwhile).
    /// </summary>
    public async Task<PendingJob?> CancelPendingJobAsync(long pendingId, CancellationToken ct)
    {
        var pending = await db.PendingJobs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pendingId, ct);
        if (pending is null || await PendingJobsTable.TakeAsync(await EfJobSql.OfAsync(db, ct), pendingId, ct) == 0) return null;
        // Zero rows here means the row moved on (claimed a moment ago): the pending row is gone either way.
        await new ProcRowTransitions(db, now).HoldWaitingAsync(ProcTarget.Of(pending), pending.Stage, ct);
        return pending;
    }

    /// <summary>ctl hold: the frame keeps its level, nothing new starts for it. Returns when it was held before (null: it was not).</summary>
    public DateTime? HoldFrame(Frame frame, string user)
    {
        return FrameSettings.Hold(frame, user, now);
    }

    /// <summary>
    /// ctl release: the frame's hold is lifted, and rows held by a ctl cancel go back to waiting (a cancel is undone by
    /// releasing its frame, as scontrol release undoes a hold). Returns how many rows went back to waiting.
    /// </summary>
    public async Task<int> ReleaseFrameAsync(Frame frame, CancellationToken ct)
    {
        FrameSettings.Release(frame);
        var rows = new ProcRowTransitions(db, now);
        var released = 0;
        foreach (var id in await db.Master.Where(r => r.FrameId == frame.Id && r.ProcStatus == ProcStatus.Held).Select(r => r.Id).ToListAsync(ct))
            released += await rows.ReleaseHeldAsync(new ProcTarget(TargetTables.Master, id, frame.Id), ct);
        foreach (var id in await db.Ifg.Where(r => r.FrameId == frame.Id && r.ProcStatus == ProcStatus.Held).Select(r => r.Id).ToListAsync(ct))
            released += await rows.ReleaseHeldAsync(new ProcTarget(TargetTables.Ifg, id, frame.Id), ct);
        foreach (var id in await db.RsarIfg.Where(r => r.FrameId == frame.Id && r.ProcStatus == ProcStatus.Held).Select(r => r.Id).ToListAsync(ct))
            released += await rows.ReleaseHeldAsync(new ProcTarget(TargetTables.RsarIfg, id, frame.Id), ct);
        if (frame.TsStatus == ProcStatus.Held)
            released += await rows.ReleaseHeldAsync(new ProcTarget(TargetTables.Frames, 0, frame.Id), ct);
        return released;
    }

    /// <summary>ctl drain: nothing new starts on the machine. Returns the drain already in force, if any (then nothing changes).</summary>
    public async Task<MachineDrain?> DrainAsync(string machine, string user, CancellationToken ct)
    {
        if (await db.MachineDrains.AsNoTracking().FirstOrDefaultAsync(d => d.Machine == machine, ct) is { } existing) return existing;
        db.MachineDrains.Add(new MachineDrain { Machine = machine, DrainedAt = now, DrainedBy = user });
        return null;
    }

    /// <summary>ctl resume: the machine takes new jobs again. False when it was not drained.</summary>
    public async Task<bool> ResumeAsync(string machine, CancellationToken ct) =>
        await db.MachineDrains.Where(d => d.Machine == machine).ExecuteDeleteAsync(ct) > 0;
}
