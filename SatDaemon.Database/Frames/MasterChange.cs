using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Frames;

/// <summary>
/// The seed's set_master_for_frame for a frame that has a master: works out which rows depend on the old
/// master, refuses while any of them runs, refuses without force when work would be redone, else moves the master.
/// </summary>
internal sealed class MasterChange(SatDbContext db, StageCatalog stages, TimeProvider time)
{
    public async Task<SetMasterReport> ApplyAsync(Frame frame, MasterRow master, DateOnly date, bool force, CancellationToken ct)
    {
        var oldDate = master.Date;
        var coreg = stages.Coregistration;
        var first = StageRoles.First;
        var ifgs = await db.Ifg.Where(i => i.FrameId == frame.Id).ToListAsync(ct);
        var rsars = await db.RsarIfg.Where(r => r.FrameId == frame.Id).OrderBy(r => r.Date1).ThenBy(r => r.Date2).ToListAsync(ct);

        var newMasterIfg = ifgs.FirstOrDefault(i => i.Date == date);
        // Coregistered against the old master (or past it); a row already waiting for coreg loses nothing.
        var ifgReset = ifgs.Where(i => i.Date != date && (i.ProcStage >= coreg || i.ProcStatus == ProcStatus.Complete)
                                       && !(i.ProcStage == coreg && i.ProcStatus == ProcStatus.Waiting))
            .OrderBy(i => i.Date).ToList();
        var rsarReset = rsars.Where(r => !(r.ProcStage == first && r.ProcStatus == ProcStatus.Waiting)).ToList();
        var tsReset = rsarReset.Count > 0 && (frame.TsStage > first || frame.TsStatus != ProcStatus.Waiting);

        var running = new List<string>();
        if (master.ProcStatus == ProcStatus.Running) running.Add(Describe(TargetTables.Master, oldDate.ToString("yyyy-MM-dd"), master.ProcStage, master.ProcStatus));
        if (newMasterIfg is { ProcStatus: ProcStatus.Running }) running.Add(Describe(newMasterIfg));
        running.AddRange(ifgReset.Where(i => i.ProcStatus == ProcStatus.Running).Select(Describe));
        running.AddRange(rsarReset.Where(r => r.ProcStatus == ProcStatus.Running).Select(Describe));
        if (tsReset && frame.TsStatus == ProcStatus.Running) running.Add($"frames time series at {stages.NameOf(TargetTables.Frames, frame.TsStage)} running");
        if (running.Count > 0)
            throw new FrameException($"frame {frame.Id}: cannot change the master while these run; wait for them to end", running);

        var reset = new List<string>();
        if (master.ProcStage > first || master.ProcStatus != ProcStatus.Waiting)
            reset.Add(Describe(TargetTables.Master, oldDate.ToString("yyyy-MM-dd"), master.ProcStage, master.ProcStatus) + $" → master {date:yyyy-MM-dd} at {stages.NameOf(TargetTables.Master, first)} waiting");
        if (newMasterIfg is not null && (newMasterIfg.ProcStage > first || newMasterIfg.ProcStatus != ProcStatus.Waiting))
            reset.Add(Describe(newMasterIfg) + " → removed (becomes the master)");
        reset.AddRange(ifgReset.Select(i => Describe(i) + $" → {stages.NameOf(TargetTables.Ifg, coreg)} waiting"));
        reset.AddRange(rsarReset.Select(r => Describe(r) + $" → {stages.NameOf(TargetTables.RsarIfg, first)} waiting"));
        if (tsReset) reset.Add($"frames time series at {stages.NameOf(TargetTables.Frames, frame.TsStage)} {ProcStatus.Name(frame.TsStatus)} → {stages.NameOf(TargetTables.Frames, first)} waiting");
        if (reset.Count > 0 && !force)
            throw new FrameException($"frame {frame.Id}: changing the master from {oldDate:yyyy-MM-dd} to {date:yyyy-MM-dd} would reprocess {reset.Count} rows; run again with --force to do it", reset)
                { NeedsForce = true };

        var now = time.GetUtcNow().UtcDateTime;
        var transitions = new ProcRowTransitions(db, now);
        master.Date = date;
        await transitions.RestartAsync(master, first, ct);
        if (newMasterIfg is not null) db.Ifg.Remove(newMasterIfg);
        // The old master is an ordinary date now, processed from the start against the new one.
        if (ifgs.All(i => i.Date != oldDate))
            db.Ifg.Add(new IfgRow { FrameId = frame.Id, Date = oldDate, CreatedAt = now, UpdatedAt = now });
        foreach (var i in ifgReset) await transitions.RestartAsync(i, coreg, ct);
        foreach (var r in rsarReset) await transitions.RestartAsync(r, first, ct);
        if (tsReset) await transitions.RestartTimeSeriesAsync(frame, ct);
        FrameSettings.SetMasterDate(frame, date);
        frame.LastUpdated = now;
        // Pending jobs may target rows that changed stage or vanished; the next job list rebuild recreates them.
        await PendingJobsTable.DeleteOfFrameAsync(await EfJobSql.OfAsync(db, ct), frame.Id, ct);
        return new SetMasterReport(frame.Id, oldDate, date, true, reset);
    }

    private string Describe(IfgRow i) => Describe(TargetTables.Ifg, i.Date.ToString("yyyy-MM-dd"), i.ProcStage, i.ProcStatus);

    private string Describe(RsarIfgRow r) => Describe(TargetTables.RsarIfg, $"{r.Date1:yyyy-MM-dd}/{r.Date2:yyyy-MM-dd}", r.ProcStage, r.ProcStatus);

    private string Describe(string table, string dates, int stage, int status) =>
        $"{table} {dates} at {stages.NameOf(table, stage)} {ProcStatus.Name(status)}";
}
