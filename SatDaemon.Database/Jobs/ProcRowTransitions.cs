using SatDaemon.Database.Consistency;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobRecords;
using TimeSeriesWrite = SatDaemon.JobRecords.ProcRowStates.TimeSeriesWrite;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The operations that change processing state (proc_stage and proc_status of master, ifg and rsar_ifg rows, a frame's
/// time series, stage_versions), each inside the caller's transaction. The statements themselves are
/// <see cref="ProcRowStates"/> (SatDaemon.JobRecords, plain SQL on EF's connection and transaction), the one writer of
/// that state, which the native job exec also runs for a job's end. The guarded ones update a row only in the state
/// they expect; 0 rows means another process got there first, and the caller decides what that means.
/// </summary>
public sealed class ProcRowTransitions(SatDbContext db, DateTime now)
{
    /// <summary>A job is claimed: its row goes from waiting to running at the job's stage.</summary>
    public Task<int> StartAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Waiting), new(null, ProcStatus.Running), TimeSeriesWrite.StateOnly, ct);

    /// <summary>A job failed: its row goes from running to failed, or back to waiting when the job will be retried (a job's end: JobEndRecord).</summary>
    public async Task<int> FailAsync(ProcTarget target, int stage, bool retry, CancellationToken ct) =>
        await ProcRowStates.FailAsync(await SqlAsync(ct), target.Table, target.Id, target.FrameId, stage, retry, now, ct);

    /// <summary>
    /// A job succeeded: its row, running at <paramref name="stage"/>, waits at the next stage, or is complete after
    /// the chain's <paramref name="lastStage"/> (a job's end: JobEndRecord).
    /// </summary>
    public async Task<int> CompleteStageAsync(ProcTarget target, int stage, int lastStage, CancellationToken ct) =>
        await ProcRowStates.CompleteStageAsync(await SqlAsync(ct), target.Table, target.Id, target.FrameId, stage, lastStage, now, ct);

    /// <summary>A claimed job that never started: its row goes from running back to waiting, as if never claimed.</summary>
    public Task<int> RevertAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Running), new(null, ProcStatus.Waiting), TimeSeriesWrite.StateOnly, ct);

    /// <summary>
    /// ctl cancel: the row of a cancelled job (running, or still waiting when the job was pending) is held at its stage:
    /// the job list takes only waiting rows, so it does not run again by itself; ctl release FRAME puts it back to waiting.
    /// </summary>
    public async Task<int> HoldCancelledAsync(ProcTarget target, int stage, CancellationToken ct) =>
        await ProcRowStates.HoldCancelledAsync(await SqlAsync(ct), target.Table, target.Id, target.FrameId, stage, now, ct);

    /// <summary>ctl cancel of a pending job: its waiting row is held at its stage (see <see cref="HoldCancelledAsync"/>).</summary>
    public Task<int> HoldWaitingAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Waiting), new(null, ProcStatus.Held), TimeSeriesWrite.StateOnly, ct);

    /// <summary>ctl release FRAME: rows held by a cancel go back to waiting at the stage they were held.</summary>
    public Task<int> ReleaseHeldAsync(ProcTarget target, CancellationToken ct) =>
        UpdateAsync(target, new(null, ProcStatus.Held), new(null, ProcStatus.Waiting), TimeSeriesWrite.StateOnly, ct);

    /// <summary>ctl retry: a failed row goes back to waiting at the stage it failed; one already retried or running is left alone.</summary>
    public Task<int> RetryFailedAsync(ProcTarget target, CancellationToken ct) =>
        UpdateAsync(target, new(null, ProcStatus.Failed), new(null, ProcStatus.Waiting), TimeSeriesWrite.StateOnly, ct);

    /// <summary>
    /// check-db-consistency --apply: the row moves from the state read (<paramref name="from"/>) to the one the disk
    /// shows (<paramref name="to"/>), only if unchanged and no job runs for it (one may have been launched since it was read).
    /// </summary>
    public Task<int> CorrectAsync(ProcTarget target, RowState from, RowState to, CancellationToken ct)
    {
        // Consistency knows only the end state: past the time-series stage, the first time series exists (its dates are
        // fixed if not yet); complete, it keeps a completion time already known rather than invent a new one.
        var write = TimeSeriesWrite.StateOnly;
        if (StageRoles.TimeSeriesDone(to.Stage, to.Status)) write |= TimeSeriesWrite.FirstDate;
        if (to.Status == ProcStatus.Complete) write |= TimeSeriesWrite.CompletedIfUnknown;
        return UpdateAsync(target, new(from.Stage, from.Status, NoRunningJob: true), new(to.Stage, to.Status), write, ct);
    }

    /// <summary>
    /// set-master, frame reprocess: a row is processed again from <paramref name="stage"/>, at once, in the caller's
    /// transaction (a tracked entity keeps the values it was read with). Unguarded: the caller has refused the change
    /// while any row it touches runs.
    /// </summary>
    public async Task RestartAsync(ProcRow row, int stage, CancellationToken ct)
    {
        var table = row switch
        {
            MasterRow => TargetTables.Master,
            IfgRow => TargetTables.Ifg,
            RsarIfgRow => TargetTables.RsarIfg,
            _ => throw new ArgumentException($"frame {row.FrameId}: not a stage row", nameof(row)),
        };
        await ProcRowStates.RestartAsync(await SqlAsync(ct), table, row.Id, row.FrameId, stage, now, ct);
    }

    /// <summary>set-master, update-procdates: a frame's time series is made again from its first stage.</summary>
    public Task RestartTimeSeriesAsync(Frame frame, CancellationToken ct) => RestartTimeSeriesAsync(frame, StageRoles.First, ct);

    /// <summary>frame reprocess: a frame's time series is made again from <paramref name="stage"/>.</summary>
    public async Task RestartTimeSeriesAsync(Frame frame, int stage, CancellationToken ct) =>
        await ProcRowStates.RestartAsync(await SqlAsync(ct), TargetTables.Frames, 0, frame.Id, stage, now, ct);

    private async Task<int> UpdateAsync(ProcTarget target, ProcRowStates.Expect expect, ProcRowStates.Change change, TimeSeriesWrite write,
        CancellationToken ct) =>
        target.Table is TargetTables.Master or TargetTables.Ifg or TargetTables.RsarIfg or TargetTables.Frames
            ? await ProcRowStates.UpdateAsync(await SqlAsync(ct), target.Table, target.Id, target.FrameId, expect, change, write, now, ct)
            : throw new ArgumentException($"frame {target.FrameId}: unknown target table '{target.Table}'", nameof(target));

    private Task<JobSql> SqlAsync(CancellationToken ct) => EfJobSql.OfAsync(db, ct);
}
