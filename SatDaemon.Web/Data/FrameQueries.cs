using Microsoft.EntityFrameworkCore;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.Database.Versions;

namespace SatDaemon.Web.Data;

/// <summary>Frames for the list, the map and the frame page. Rows are never read one by one to count them: frame_row_counts holds the counts.</summary>
public sealed class FrameQueries(SatDbFactory factory)
{
    /// <summary>A frame page shows this many of its newest events; older history stays in the database.</summary>
    private const int FrameEventLimit = 300;

    /// <summary>
    /// A frame's history shows its newest events up to this many (progress reports aside): 300 made the busiest frame of
    /// the bench's database a 315 kB page; /api/jobs?frame= and ctl history read further back.
    /// </summary>
    internal const int FrameEventsShown = 100;

    public async Task<IReadOnlyList<FrameListRow>> ListAsync(CancellationToken ct)
    {
        await using var db = factory.Create();
        var frames = await db.Frames.AsNoTracking().OrderBy(f => f.Id).ToListAsync(ct);
        var counts = await CountRowsAsync(db, null, ct);
        var failures = await db.FailedJobs.AsNoTracking().Where(f => !f.Retried)
            .GroupBy(f => f.FrameId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return frames.Select(f => Row(f, counts.GetValueOrDefault(f.Id) ?? Empty, failures.GetValueOrDefault(f.Id))).ToList();
    }

    /// <summary>
    /// Null when the frame does not exist. With <paramref name="onDate"/> (the image page) the grid, failures and events are
    /// narrowed to that acquisition date in the queries themselves, so an image of a long frame reads only its own rows.
    /// </summary>
    public async Task<FrameDetail?> DetailAsync(string frameId, CancellationToken ct, DateOnly? onDate = null)
    {
        await using var db = factory.Create();
        var frame = await db.Frames.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameId, ct);
        if (frame is null) return null;
        var counts = await CountRowsAsync(db, frameId, ct);
        var frameFailures = db.FailedJobs.AsNoTracking().Where(f => f.FrameId == frameId);
        if (onDate is { } fd) frameFailures = frameFailures.Where(f => f.Date == fd || f.Date2 == fd);
        var failures = await frameFailures
            .OrderByDescending(f => f.FailedAt).ThenByDescending(f => f.Id).Take(FrameEventLimit).ToListAsync(ct);
        var row = Row(frame, counts.GetValueOrDefault(frameId) ?? Empty,
            onDate is null ? failures.Count(f => !f.Retried) : await db.FailedJobs.CountAsync(f => f.FrameId == frameId && !f.Retried, ct));

        var stages = await StageCatalog.LoadAsync(db, ct);
        var states = await FrameRowStates.ReadAsync(db, frameId, onDate, ct);
        var (columns, rows) = Grid(frame, stages, states, onDate);
        var burstIds = db.FramesToBursts.Where(fb => fb.FrameId == frameId).Select(fb => fb.BurstId);
        var bursts = (await db.Bursts.AsNoTracking().Where(b => burstIds.Contains(b.Id)).OrderBy(b => b.Id).ToListAsync(ct))
            .Select(BurstQueries.View).ToList();
        var running = (await db.RunningJobs.AsNoTracking().Where(j => j.FrameId == frameId).OrderBy(j => j.Id).ToListAsync(ct))
            .Select(RunningJobStatus.Of).ToList();
        // Progress reports are the running job's own (its page shows them): a frame's history keeps what happened.
        var frameEvents = db.JobEvents.AsNoTracking().Where(e => e.FrameId == frameId && e.Kind != JobEventKinds.Progress);
        // An event names its dates in its message ("download 2024-01-05", "coherence 2024-01-05_2024-01-17").
        if (onDate is { } ed)
        {
            var day = ed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            frameEvents = frameEvents.Where(e => e.Message != null && e.Message.Contains(day));
        }
        var events = (await frameEvents
                .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id).Take(FrameEventsShown).ToListAsync(ct))
            .Select(JobQueries.EventView).ToList();
        // The frame page's version table counts the rows just read (the image page shows none).
        var versions = onDate is null ? await FrameVersionCounts.CountAsync(db, stages, frame, states, ct) : [];
        return new FrameDetail(row, columns, rows, bursts, running, failures.Select(FailedJobStatus.Of).ToList(), events, versions);
    }

    private static readonly StatusCounts Empty = new(0, 0, 0, 0, 0);

    private static FrameListRow Row(Frame f, StatusCounts counts, int failures) => new(
        f.Id, f.Track, f.OrbitDirection, f.ProcLevel.ToName(), f.Priority, f.NoUpdate, f.ProcStart, f.ProcEnd, f.MasterDate,
        $"stage {f.TsStage} {ProcStatus.Name(f.TsStatus)}", counts, failures, GeometryOutline.Rings(f.Geometry));

    /// <summary>master + ifg + rsar_ifg rows by frame and proc_status, from the counts the database keeps (frame_row_counts).</summary>
    private static async Task<Dictionary<string, StatusCounts>> CountRowsAsync(SatDbContext db, string? frameId, CancellationToken ct) =>
        (await FrameRowCounts.ReadAsync(db, frameId, ct)).ToDictionary(f => f.Key, f => new StatusCounts(
            f.Value.GetValueOrDefault(ProcStatus.Waiting), f.Value.GetValueOrDefault(ProcStatus.Running), f.Value.GetValueOrDefault(ProcStatus.Complete),
            f.Value.GetValueOrDefault(ProcStatus.Held), f.Value.GetValueOrDefault(ProcStatus.Failed)), StringComparer.Ordinal);

    /// <summary>
    /// One column per stage of every chain (by rank), one row per master, ifg and rsar_ifg row and one for the time series;
    /// with <paramref name="onDate"/>, only the rows using that date (and no time-series row).
    /// </summary>
    private static (IReadOnlyList<string> Columns, IReadOnlyList<GridRow> Rows) Grid(
        Frame frame, StageCatalog stages, IReadOnlyList<FrameRowState> states, DateOnly? onDate)
    {
        string[] tables = [TargetTables.Master, TargetTables.Ifg, TargetTables.RsarIfg, TargetTables.Frames];
        var columns = tables.SelectMany(t => stages.Chain(t)).OrderBy(s => s.Rank).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name).Distinct().ToList();

        var rows = new List<GridRow>(states.Count + 1);
        foreach (var r in states)
        {
            var label = r.Table switch
            {
                TargetTables.Master => $"{r.Date:yyyy-MM-dd} (master)",
                TargetTables.RsarIfg => $"{r.Date:yyyy-MM-dd}_{r.Date2:yyyy-MM-dd}",
                _ => $"{r.Date:yyyy-MM-dd}",
            };
            rows.Add(Grid(r.Table, r.Id, label, r.Date, r.Date2, r.Stage, r.Status));
        }
        if (onDate is null) rows.Add(Grid(TargetTables.Frames, 0, "time series", null, null, frame.TsStage, frame.TsStatus));
        return (columns, rows);

        GridRow Grid(string table, long id, string label, DateOnly? d1, DateOnly? d2, int stage, int status)
        {
            var chain = stages.Chain(table);
            return new GridRow(table, id, label, d1, d2, RowStatus(chain, stage, status), () => columns.Select(c => chain.FirstOrDefault(s => s.Name == c) is { } s
                ? new GridCell(c, CellStatus(s.Order, stage, status))
                : new GridCell(c, "none")).ToList());
        }
    }

    /// <summary>
    /// What the row's cells add up to, without making them: its current stage's status when that is not complete,
    /// else "todo" while later stages of its chain remain, else "complete".
    /// </summary>
    internal static string RowStatus(IReadOnlyList<ProcStageRow> chain, int rowStage, int rowStatus)
    {
        if (chain.Any(s => s.Order == rowStage) && ProcStatus.Name(rowStatus) is not ("complete" or "none" or "todo") and var current) return current;
        return chain.Any(s => s.Order > rowStage) ? "todo" : "complete";
    }

    /// <summary>Stages before the row's proc_stage are done; its own stage has the row's status; later ones are still to do.</summary>
    internal static string CellStatus(int cellOrder, int rowStage, int rowStatus) =>
        cellOrder < rowStage ? "complete" : cellOrder == rowStage ? ProcStatus.Name(rowStatus) : "todo";
}
