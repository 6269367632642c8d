using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Audit;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.Database.Versions;

namespace SatDaemon.Database.Frames;

/// <summary>
/// The Database API for frames and their dates (the seed's make_new_frame_using_burstlist, fill_files_table,
/// update_procdates, set_master_for_frame). Each operation runs in one transaction and, when it changed
/// something, asks the daemon to rebuild its job list. Given an <see cref="Actor"/> (an operator: the frame tools,
/// the console), each change is recorded in audit_log in its own transaction; without one (ingest, the demo) it is not.
/// </summary>
public sealed class FrameManager(SatDbFactory factory, int rsarConnections = 3, TimeProvider? time = null, Actor? actor = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<Frame> CreateAsync(string frameId, IReadOnlyCollection<string> burstIds, int priority = 0, ProcLevel level = ProcLevel.Off, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var frame = await new FrameCreator(factory, _time).AddAsync(db, frameId, burstIds, priority, level, ct);
        var bursts = db.FramesToBursts.Local.Where(b => b.FrameId == frameId).Select(b => b.BurstId).Order(StringComparer.Ordinal);
        Audit(db)?.Record("create", "frame " + frameId, null, $"track {frame.Track}{frame.OrbitDirection}, bursts {string.Join(",", bursts)}", frameId);
        await db.SaveChangesAsync(ct);
        return frame;
    }

    /// <summary>Links every file covering any of the frame's bursts into frames2files; returns how many links were added.</summary>
    public async Task<int> FillFilesAsync(string frameId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await FindAsync(db, frameId, ct);
        var covering = await (
                from frb in db.FramesToBursts
                where frb.FrameId == frameId
                join fb in db.FilesToBursts on frb.BurstId equals fb.BurstId
                select fb.FileId)
            .Distinct().ToListAsync(ct);
        var linked = (await db.FramesToFiles.Where(ff => ff.FrameId == frameId).Select(ff => ff.FileId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = covering.Where(f => !linked.Contains(f)).Order(StringComparer.Ordinal).ToList();
        db.FramesToFiles.AddRange(added.Select(f => new FrameFile { FrameId = frameId, FileId = f }));
        if (added.Count > 0) Audit(db)?.Record("fill-files", "frame " + frameId, $"{linked.Count} files", $"{linked.Count + added.Count} files", frameId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return added.Count;
    }

    /// <summary>
    /// Usable dates (files cover every burst) get rows: the master (given, existing, or the date with the smallest
    /// total baseline), an ifg row per other date, rsar_ifg pairs with the next rsar_connections dates.
    /// </summary>
    public async Task<ProcDatesReport> UpdateProcDatesAsync(string frameId, DateOnly? masterDate = null, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var frame = await FindAsync(db, frameId, ct);
        var report = await new ProcDatesUpdater(rsarConnections, _time).UpdateAsync(db, frame, masterDate, ct);
        if (report.MasterAdded || report.IfgAdded.Count > 0 || report.RsarIfgAdded.Count > 0)
            Audit(db)?.Record("update-procdates", "frame " + frameId, null,
                $"master {report.Master:yyyy-MM-dd}{(report.MasterAdded ? " (new)" : "")}, {report.IfgAdded.Count} ifg rows added, {report.RsarIfgAdded.Count} rsar_ifg rows added", frameId);
        await FinishAsync(db, frameId, changed: report.MasterAdded || report.IfgAdded.Count > 0 || report.RsarIfgAdded.Count > 0, ct);
        await tx.CommitAsync(ct);
        return report;
    }

    /// <summary>
    /// After ingest linked new files of <paramref name="newDates"/> to the frame: a frame switched on (see
    /// <see cref="AutoDatesRule"/>) gets its usable dates by update-procdates itself, in one transaction; new dates whose
    /// files cover only part of the frame are reported with the bursts they miss. A frame that is gone is skipped.
    /// </summary>
    public async Task<IngestFrameDates> UpdateProcDatesAfterIngestAsync(string frameId, IReadOnlyCollection<DateOnly> newDates, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var frame = await db.Frames.FirstOrDefaultAsync(f => f.Id == frameId, ct);
        if (frame is null) return new IngestFrameDates(frameId, "frame deleted", null, []);
        var coverage = await DateCoverage.LoadAsync(db, frameId, ct);
        var partial = await PartialDatesAsync(db, coverage, newDates, ct);
        if (AutoDatesRule.SkipReason(frame) is { } skip) return new IngestFrameDates(frameId, skip, null, partial);
        var report = await new ProcDatesUpdater(rsarConnections, _time).UpdateAsync(db, frame, null, ct);
        await FinishAsync(db, frameId, changed: report.MasterAdded || report.IfgAdded.Count > 0 || report.RsarIfgAdded.Count > 0, ct);
        await tx.CommitAsync(ct);
        return new IngestFrameDates(frameId, null, report, partial);
    }

    private static async Task<IReadOnlyList<PartialDate>> PartialDatesAsync(SatDbContext db, DateCoverage coverage, IReadOnlyCollection<DateOnly> dates, CancellationToken ct)
    {
        var usable = coverage.Usable.ToHashSet();
        var result = new List<PartialDate>();
        foreach (var date in dates.Where(d => !usable.Contains(d)).Order())
        {
            var missing = coverage.MissingOn(date).ToArray();
            var swaths = await db.Bursts.Where(b => missing.Contains(b.Id)).Select(b => b.Swath).Distinct().OrderBy(s => s).ToListAsync(ct);
            result.Add(new PartialDate(date, coverage.FrameBursts.Count, missing, swaths));
        }
        return result;
    }

    /// <summary>
    /// Makes <paramref name="date"/> the frame's master. Refuses (FrameException listing the rows) when work done
    /// against the old master would be redone, unless <paramref name="force"/>; always refuses while such rows run.
    /// </summary>
    public Task<SetMasterReport> SetMasterAsync(string frameId, DateOnly date, bool force, CancellationToken ct = default) =>
        SetMasterAsync(frameId, date, force, null, ct);

    /// <param name="expectedMaster">
    /// The master the operator saw ("none" or yyyy-MM-dd) when they confirmed: another master now refuses the change,
    /// since the rows they agreed to reprocess were counted against that one. Null (the CLI): no check.
    /// </param>
    public async Task<SetMasterReport> SetMasterAsync(string frameId, DateOnly date, bool force, string? expectedMaster, CancellationToken ct)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var frame = await FindAsync(db, frameId, ct);
        if (force) await LockStageRowsAsync(db, frameId, ct);
        var shown = frame.MasterDate is { } md ? md.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "none";
        if (expectedMaster is not null && expectedMaster != shown)
            throw new FrameException($"frame {frameId}: the master changed meanwhile to {shown} (the form showed {expectedMaster}); nothing changed");
        var coverage = await DateCoverage.LoadAsync(db, frameId, ct);
        if (!coverage.Usable.Contains(date)) throw ProcDatesUpdater.NotUsable(frameId, date, coverage);

        var master = await db.Master.FirstOrDefaultAsync(m => m.FrameId == frameId, ct);
        SetMasterReport report;
        if (master is null)
        {
            // No master yet: nothing was processed against one, so this is update-procdates with a given master.
            await new ProcDatesUpdater(rsarConnections, _time).UpdateAsync(db, frame, date, ct);
            report = new SetMasterReport(frameId, null, date, true, []);
        }
        else if (master.Date == date)
        {
            return new SetMasterReport(frameId, date, date, false, []);
        }
        else
        {
            var stages = await StageCatalog.LoadAsync(db, ct);
            report = await new MasterChange(db, stages, _time).ApplyAsync(frame, master, date, force, ct);
        }
        Audit(db)?.Record("set-master", "frame " + frameId, report.OldMaster?.ToString("yyyy-MM-dd") ?? "none",
            $"{report.NewMaster:yyyy-MM-dd} ({report.Reset.Count} rows reset)", frameId);
        await FinishAsync(db, frameId, changed: true, ct);
        await tx.CommitAsync(ct);
        return report;
    }

    /// <summary>
    /// frame reprocess: works out the rows to process again (<see cref="FrameReprocess"/>) and, when
    /// <paramref name="apply"/>, sets them back, audited, and asks for the frame's job list. Refuses while any of them runs.
    /// </summary>
    /// <param name="expectedRows">The count the operator confirmed (the console); another count now refuses. Null: no check.</param>
    public async Task<ReprocessReport> ReprocessAsync(ReprocessRequest request, bool apply, CancellationToken ct = default, int? expectedRows = null)
    {
        await using var db = factory.Create();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var frame = await FindAsync(db, request.FrameId, ct);
        if (apply) await LockStageRowsAsync(db, request.FrameId, ct);
        var stages = await StageCatalog.LoadAsync(db, ct);
        var report = await new FrameReprocess(db, stages, _time).RunAsync(frame, request, apply, expectedRows, ct);
        if (!report.Applied) return report;
        Audit(db)?.Record("reprocess", "frame " + request.FrameId, $"stage {request.Stage}{Filter(request)}",
            string.Join(", ", report.ByStage.Select(s => $"{s.Table} {s.Stage}: {s.Rows}")), request.FrameId);
        await FinishAsync(db, request.FrameId, changed: true, ct);
        await tx.CommitAsync(ct);
        return report;

        static string Filter(ReprocessRequest r) =>
            (r.From is { } f ? $" from {f:yyyy-MM-dd}" : "") + (r.To is { } t ? $" to {t:yyyy-MM-dd}" : "") + (r.OlderThan is { } v ? $" older than {v}" : "");
    }

    /// <summary>
    /// Before a change that reads the frame's stage rows and then sets them back (set-master, reprocess): locks them, so
    /// a claim the daemon makes meanwhile waits for the change and then finds its guard no longer true (lost, as
    /// designed) instead of being overwritten from a read made before it. SQLite's transaction (BEGIN IMMEDIATE) already
    /// keeps every other writer out.
    /// </summary>
    private async Task LockStageRowsAsync(SatDbContext db, string frameId, CancellationToken ct)
    {
        if (factory.IsSqlite) return;
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM master WHERE frame_id = {frameId} FOR UPDATE", ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM ifg WHERE frame_id = {frameId} FOR UPDATE", ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM rsar_ifg WHERE frame_id = {frameId} FOR UPDATE", ct);
    }

    /// <summary>frame versions: per stage, how many rows that have done it were made by which version.</summary>
    public async Task<IReadOnlyList<StageVersionCount>> VersionsAsync(string frameId, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var frame = await FindAsync(db, frameId, ct);
        var stages = await StageCatalog.LoadAsync(db, ct);
        return await FrameVersionCounts.LoadAsync(db, stages, frame, ct);
    }

    /// <summary>Every frame with its settings and date counts, by id.</summary>
    public async Task<IReadOnlyList<FrameSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var frames = await db.Frames.AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct);
        var bursts = Index(await db.FramesToBursts.GroupBy(x => x.FrameId).Select(g => new KeyCount(g.Key, g.Count())).ToListAsync(ct));
        var files = Index(await db.FramesToFiles.GroupBy(x => x.FrameId).Select(g => new KeyCount(g.Key, g.Count())).ToListAsync(ct));
        var ifgs = Index(await db.Ifg.GroupBy(x => x.FrameId).Select(g => new KeyCount(g.Key, g.Count())).ToListAsync(ct));
        var done = Index(await db.Ifg.Where(i => i.ProcStatus == ProcStatus.Complete).GroupBy(x => x.FrameId).Select(g => new KeyCount(g.Key, g.Count())).ToListAsync(ct));
        return frames.Select(f => new FrameSummary(f.Id, f.Track, f.OrbitDirection, f.Priority, f.ProcLevel, f.MasterDate,
            bursts.GetValueOrDefault(f.Id), files.GetValueOrDefault(f.Id), ifgs.GetValueOrDefault(f.Id), done.GetValueOrDefault(f.Id), f.Geometry)).ToList();

        static Dictionary<string, int> Index(List<KeyCount> rows) => rows.ToDictionary(r => r.Key, r => r.N, StringComparer.Ordinal);
    }

    private AuditLog? Audit(SatDbContext db) => actor is null ? null : new AuditLog(db, actor, _time.GetUtcNow().UtcDateTime);

    private sealed record KeyCount(string Key, int N);

    private static async Task<Frame> FindAsync(SatDbContext db, string frameId, CancellationToken ct) =>
        await db.Frames.FirstOrDefaultAsync(f => f.Id == frameId, ct) ?? throw new FrameException($"unknown frame {frameId}");

    private static async Task FinishAsync(SatDbContext db, string frameId, bool changed, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        // Every change here is the one frame's (its dates, its master): that frame's part of the job list is rebuilt.
        if (changed) await DaemonFlags.RequestJobListAsync(db, frameId, ct);
    }
}
