using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.Database.Versions;
using SatDaemon.JobRecords;

namespace SatDaemon.Database.Frames;

/// <summary>
/// frame reprocess for one frame, inside the caller's transaction: the rows that did the stage (within the dates, older
/// than the version) go back to it, and with them what depends on them by DESIGN §5's needs, as set-master takes them
/// back: a master taken back takes every ifg past coregistration back to coreg; a date taken back takes back the
/// rsar_ifg pairs that use it; a pair taken back takes back the frame's time series. Refused while any of them runs.
/// </summary>
internal sealed class FrameReprocess(SatDbContext db, StageCatalog stages, TimeProvider time)
{
    private static readonly string[] Tables = [TargetTables.Master, TargetTables.Ifg, TargetTables.RsarIfg, TargetTables.Frames];

    public async Task<ReprocessReport> RunAsync(Frame frame, ReprocessRequest request, bool apply, int? expectedRows, CancellationToken ct)
    {
        var chains = Tables.Select(t => (Table: t, Stage: stages.Chain(t).FirstOrDefault(s => s.Name == request.Stage))).Where(c => c.Stage is not null).ToList();
        if (chains.Count == 0)
            throw new FrameException($"unknown stage '{request.Stage}'; stages are: " +
                string.Join(", ", Tables.SelectMany(t => stages.Chain(t).Select(s => s.Name)).Distinct()));
        var notes = new List<string>();
        if (request.OlderThan is { } than && !SoftwareVersionOrder.IsNumeric(than))
            notes.Add($"--older-than {than} is not a numeric version: versions are compared with it as text");

        var master = await db.Master.FirstOrDefaultAsync(m => m.FrameId == frame.Id, ct);
        var ifgs = await db.Ifg.Where(i => i.FrameId == frame.Id).OrderBy(i => i.Date).ToListAsync(ct);
        var rsars = await db.RsarIfg.Where(r => r.FrameId == frame.Id).OrderBy(r => r.Date1).ThenBy(r => r.Date2).ToListAsync(ct);
        var versions = await db.StageVersions.AsNoTracking().Where(v => v.FrameId == frame.Id).ToListAsync(ct);

        var plan = new Dictionary<object, (string Table, int Stage, bool Dependent)>(ReferenceEqualityComparer.Instance);
        foreach (var (table, stage) in chains)
        {
            var k = stage!.Order;
            bool Matches(ProcRow row, long id, DateOnly d1, DateOnly? d2) =>
                Done(row.ProcStage, row.ProcStatus, k) && InRange(request, d1, d2) && Older(table, id, k, versions, request.OlderThan, notes);
            switch (table)
            {
                case TargetTables.Master when master is not null && Matches(master, master.Id, master.Date, null):
                    plan[master] = (table, k, false);
                    break;
                case TargetTables.Ifg:
                    foreach (var i in ifgs.Where(i => Matches(i, i.Id, i.Date, null))) plan[i] = (table, k, false);
                    break;
                case TargetTables.RsarIfg:
                    foreach (var r in rsars.Where(r => Matches(r, r.Id, r.Date1, r.Date2))) plan[r] = (table, k, false);
                    break;
                case TargetTables.Frames when Done(frame.TsStage, frame.TsStatus, k) && Older(table, 0, k, versions, request.OlderThan, notes):
                    plan[frame] = (table, k, false);
                    break;
            }
        }
        AddDependents(plan, frame, master, ifgs, rsars);

        var rows = plan.Select(p => Row(p.Key, p.Value)).ToList();
        var running = plan.Where(p => Status(p.Key) == ProcStatus.Running).Select(p => Row(p.Key, p.Value)).ToList();
        if (running.Count > 0)
            throw new FrameException($"frame {frame.Id}: cannot reprocess while these run; wait for them to end, then run it again (nothing changed)",
                running.Select(r => $"{r.Table} {r.Dates} at {r.Now}").ToList());
        if (!apply || rows.Count == 0) return new ReprocessReport(frame.Id, rows, notes.Distinct().ToList(), false);
        // The console's confirmation names the count the operator agreed to: a different count now is another change.
        if (expectedRows is { } n && n != rows.Count)
            throw new FrameException($"frame {frame.Id}: {rows.Count} rows match now, the confirmation showed {n}; nothing changed (look again)");

        var transitions = new ProcRowTransitions(db, time.GetUtcNow().UtcDateTime);
        foreach (var (target, (table, stage, _)) in plan)
        {
            if (target is ProcRow row) await transitions.RestartAsync(row, stage, ct);
            else await transitions.RestartTimeSeriesAsync((Frame)target, stage, ct);
        }
        // Pending jobs may target rows that changed stage; the next job list rebuild makes them again.
        await PendingJobsTable.DeleteOfFrameAsync(await EfJobSql.OfAsync(db, ct), frame.Id, ct);
        return new ReprocessReport(frame.Id, rows, notes.Distinct().ToList(), true);
    }

    /// <summary>What depends on the rows taken back, by the needs of DESIGN §5 (reused from set-master's rules).</summary>
    private void AddDependents(Dictionary<object, (string Table, int Stage, bool Dependent)> plan, Frame frame, MasterRow? master,
        List<IfgRow> ifgs, List<RsarIfgRow> rsars)
    {
        var coreg = stages.Coregistration;
        var first = StageRoles.First;
        void Take(object target, string table, int stage)
        {
            // A row already going back further keeps the earlier stage.
            if (plan.TryGetValue(target, out var p) && p.Stage <= stage) return;
            plan[target] = (table, stage, !plan.ContainsKey(target));
        }
        var datesBack = new HashSet<DateOnly>();
        if (master is not null && plan.ContainsKey(master))
        {
            datesBack.Add(master.Date);
            // Coregistered against the master as it was: coreg again (a row waiting for coreg loses nothing).
            foreach (var i in ifgs.Where(i => Done(i.ProcStage, i.ProcStatus, coreg))) Take(i, TargetTables.Ifg, coreg);
        }
        foreach (var i in ifgs.Where(plan.ContainsKey)) datesBack.Add(i.Date);
        foreach (var r in rsars.Where(r => datesBack.Contains(r.Date1) || datesBack.Contains(r.Date2)))
            if (r.ProcStage > first || r.ProcStatus != ProcStatus.Waiting) Take(r, TargetTables.RsarIfg, first);
        if (rsars.Any(plan.ContainsKey) && (frame.TsStage > first || frame.TsStatus != ProcStatus.Waiting)) Take(frame, TargetTables.Frames, first);
    }

    /// <summary>The row has done stage <paramref name="k"/>: it is past it, or complete at it or after.</summary>
    private static bool Done(int stage, int status, int k) => stage > k || (stage == k && status == ProcStatus.Complete);

    private static bool InRange(ReprocessRequest r, DateOnly d1, DateOnly? d2)
    {
        bool In(DateOnly d) => (r.From is not { } f || d >= f) && (r.To is not { } t || d <= t);
        return In(d1) || (d2 is { } d && In(d));
    }

    /// <summary>No --older-than: every row. Else a row whose last run of the stage had an older version, or none recorded.</summary>
    private static bool Older(string table, long id, int stage, List<StageVersion> versions, string? than, List<string> notes)
    {
        if (than is null) return true;
        var v = versions.FirstOrDefault(x => x.TargetTable == table && x.TargetId == id && x.Stage == stage)?.Version;
        if (v is null) return true;
        if (!SoftwareVersionOrder.IsNumeric(v)) notes.Add($"version {v} is not numeric: compared with {than} as text");
        return SoftwareVersionOrder.Older(v, than);
    }

    private static int Status(object target) => target is ProcRow r ? r.ProcStatus : ((Frame)target).TsStatus;

    private ReprocessRow Row(object target, (string Table, int Stage, bool Dependent) p) => target switch
    {
        MasterRow m => new(p.Table, $"{m.Date:yyyy-MM-dd}", At(p.Table, m.ProcStage, m.ProcStatus), stages.NameOf(p.Table, p.Stage), p.Dependent),
        IfgRow i => new(p.Table, $"{i.Date:yyyy-MM-dd}", At(p.Table, i.ProcStage, i.ProcStatus), stages.NameOf(p.Table, p.Stage), p.Dependent),
        RsarIfgRow r => new(p.Table, $"{r.Date1:yyyy-MM-dd}/{r.Date2:yyyy-MM-dd}", At(p.Table, r.ProcStage, r.ProcStatus), stages.NameOf(p.Table, p.Stage), p.Dependent),
        Frame f => new(p.Table, "time series", At(p.Table, f.TsStage, f.TsStatus), stages.NameOf(p.Table, p.Stage), p.Dependent),
        _ => throw new ArgumentException("not a processing row", nameof(target)),
    };

    private string At(string table, int stage, int status) => $"{stages.NameOf(table, stage)} {ProcStatus.Name(status)}";
}
