using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Consistency;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Jobs;

/// <summary>
/// The one writer of processing state: proc_stage and proc_status of master, ifg and rsar_ifg rows, and a frame's time
/// series (ts_stage, ts_status, ts_first_date, ts_completed_at). Each change is a named operation inside the caller's
/// transaction. The guarded ones update a row only in the state they expect; 0 rows means another process got there
/// first, and the caller decides what that means.
/// </summary>
public sealed class ProcRowTransitions(SatDbContext db, DateTime now)
{
    /// <summary>A job is claimed: its row goes from waiting to running at the job's stage.</summary>
    public Task<int> StartAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Waiting), new(null, ProcStatus.Running), TimeSeriesWrite.StateOnly, ct);

    /// <summary>A job failed: its row goes from running to failed, or back to waiting when the job will be retried.</summary>
    public Task<int> FailAsync(ProcTarget target, int stage, bool retry, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Running), new(null, retry ? ProcStatus.Waiting : ProcStatus.Failed), TimeSeriesWrite.StateOnly, ct);

    /// <summary>A claimed job that never started: its row goes from running back to waiting, as if never claimed.</summary>
    public Task<int> RevertAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Running), new(null, ProcStatus.Waiting), TimeSeriesWrite.StateOnly, ct);

    /// <summary>
    /// ctl cancel: the row of a cancelled job (running, or still waiting when the job was pending) is held at its stage:
    /// the job list takes only waiting rows, so it does not run again by itself; ctl release FRAME puts it back to waiting.
    /// </summary>
    public Task<int> HoldCancelledAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Running), new(null, ProcStatus.Held), TimeSeriesWrite.StateOnly, ct);

    /// <summary>ctl cancel of a pending job: its waiting row is held at its stage (see <see cref="HoldCancelledAsync"/>).</summary>
    public Task<int> HoldWaitingAsync(ProcTarget target, int stage, CancellationToken ct) =>
        UpdateAsync(target, new(stage, ProcStatus.Waiting), new(null, ProcStatus.Held), TimeSeriesWrite.StateOnly, ct);

    /// <summary>ctl release FRAME: rows held by a cancel go back to waiting at the stage they were held.</summary>
    public Task<int> ReleaseHeldAsync(ProcTarget target, CancellationToken ct) =>
        UpdateAsync(target, new(null, ProcStatus.Held), new(null, ProcStatus.Waiting), TimeSeriesWrite.StateOnly, ct);

    /// <summary>
    /// A job succeeded: its row, running at <paramref name="stage"/>, waits at the next stage, or is complete after
    /// the chain's <paramref name="lastStage"/>.
    /// </summary>
    public Task<int> CompleteStageAsync(ProcTarget target, int stage, int lastStage, CancellationToken ct)
    {
        var done = stage >= lastStage;
        var next = new Change(done ? stage : stage + 1, done ? ProcStatus.Complete : ProcStatus.Waiting);
        // The time-series job itself fixes the dates noupdate keeps; a later stage (ingest) finishing is the time
        // series' completion, stamped with the time it really happened.
        var write = stage == StageRoles.TimeSeries ? TimeSeriesWrite.FirstDate : TimeSeriesWrite.Completed;
        return UpdateAsync(target, new(stage, ProcStatus.Running), next, write, ct);
    }

    /// <summary>
    /// A job completed <paramref name="stage"/> of its row: the software version it ran with (null: none configured) is
    /// kept as that stage's version, replacing the one of the run before. A frame's time series keeps target_id 0.
    /// </summary>
    public async Task RecordStageVersionAsync(ProcTarget target, int stage, string? version, long jobId, CancellationToken ct)
    {
        var (table, frame, id) = (target.Table, target.FrameId, target.Table == TargetTables.Frames ? 0 : target.Id);
        await db.StageVersions.Where(v => v.TargetTable == table && v.FrameId == frame && v.TargetId == id && v.Stage == stage).ExecuteDeleteAsync(ct);
        db.StageVersions.Add(new StageVersion { TargetTable = table, FrameId = frame, TargetId = id, Stage = stage, Version = version, JobId = jobId, CompletedAt = now });
    }

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
    /// set-master, frame reprocess: a tracked row is processed again from <paramref name="stage"/>, saved with the caller's transaction.
    /// Unguarded: the caller has refused the change while any row it touches runs.
    /// </summary>
    public void Restart(ProcRow row, int stage) =>
        (row.ProcStage, row.ProcStatus, row.UpdatedAt) = (stage, ProcStatus.Waiting, now);

    /// <summary>set-master, update-procdates: a tracked frame's time series is made again from its first stage.</summary>
    public void RestartTimeSeries(Frame frame) => RestartTimeSeries(frame, StageRoles.First);

    /// <summary>frame reprocess: a tracked frame's time series is made again from <paramref name="stage"/>.</summary>
    public void RestartTimeSeries(Frame frame, int stage) =>
        (frame.TsStage, frame.TsStatus, frame.LastUpdated) = (stage, ProcStatus.Waiting, now);

    private Task<int> UpdateAsync(ProcTarget target, Expect expect, Change change, TimeSeriesWrite write, CancellationToken ct) => target.Table switch
    {
        TargetTables.Master => UpdateRowAsync(db.Master, target, expect, change, ct),
        TargetTables.Ifg => UpdateRowAsync(db.Ifg, target, expect, change, ct),
        TargetTables.RsarIfg => UpdateRowAsync(db.RsarIfg, target, expect, change, ct),
        TargetTables.Frames => UpdateTimeSeriesAsync(target.FrameId, expect, change, write, ct),
        _ => throw new ArgumentException($"frame {target.FrameId}: unknown target table '{target.Table}'", nameof(target)),
    };

    private Task<int> UpdateRowAsync<T>(IQueryable<T> rows, ProcTarget target, Expect expect, Change change, CancellationToken ct)
        where T : ProcRow
    {
        var (id, table, status, at) = (target.Id, target.Table, expect.Status, now);
        var q = rows.Where(r => r.Id == id && r.ProcStatus == status);
        if (expect.Stage is { } stage) q = q.Where(r => r.ProcStage == stage);
        if (expect.NoRunningJob) q = q.Where(r => !db.RunningJobs.Any(j => j.TargetTable == table && j.TargetId == r.Id));
        return q.ExecuteUpdateAsync(s =>
        {
            if (change.Stage is { } next) s.SetProperty(r => r.ProcStage, next);
            s.SetProperty(r => r.ProcStatus, change.Status).SetProperty(r => r.UpdatedAt, at);
        }, ct);
    }

    private async Task<int> UpdateTimeSeriesAsync(string frameId, Expect expect, Change change, TimeSeriesWrite write, CancellationToken ct)
    {
        var at = now;
        // The first time series covers the dates complete when it was made: the ifg rows as they are in this transaction.
        var lastDate = write.HasFlag(TimeSeriesWrite.FirstDate)
            ? await db.Ifg.Where(i => i.FrameId == frameId && i.ProcStatus == ProcStatus.Complete).MaxAsync(i => (DateOnly?)i.Date, ct)
            : null;
        var status = expect.Status;
        var q = db.Frames.Where(f => f.Id == frameId && f.TsStatus == status);
        if (expect.Stage is { } stage) q = q.Where(f => f.TsStage == stage);
        if (expect.NoRunningJob) q = q.Where(f => !db.RunningJobs.Any(j => j.TargetTable == TargetTables.Frames && j.FrameId == frameId));
        return await q.ExecuteUpdateAsync(s =>
        {
            if (change.Stage is { } next) s.SetProperty(f => f.TsStage, next);
            s.SetProperty(f => f.TsStatus, change.Status);
            // Only the first time series fixes the dates: a later one leaves them as they are.
            if (write.HasFlag(TimeSeriesWrite.FirstDate)) s.SetProperty(f => f.TsFirstDate, f => f.TsFirstDate ?? lastDate);
            if (write.HasFlag(TimeSeriesWrite.Completed)) s.SetProperty(f => f.TsCompletedAt, at);
            else if (write.HasFlag(TimeSeriesWrite.CompletedIfUnknown)) s.SetProperty(f => f.TsCompletedAt, f => f.TsCompletedAt ?? at);
            s.SetProperty(f => f.LastUpdated, at);
        }, ct);
    }

    /// <summary>The state a guarded update expects: the status, the stage unless null, and optionally no running job.</summary>
    private readonly record struct Expect(int? Stage, int Status, bool NoRunningJob = false);

    /// <summary>The new state: the status, and the stage unless null (then it stays).</summary>
    private readonly record struct Change(int? Stage, int Status);

    /// <summary>What a frame's time-series update writes besides ts_stage and ts_status.</summary>
    [Flags]
    private enum TimeSeriesWrite
    {
        StateOnly = 0,
        FirstDate = 1,
        Completed = 2,
        CompletedIfUnknown = 4,
    }
}
