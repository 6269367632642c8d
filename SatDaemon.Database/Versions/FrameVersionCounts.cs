using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Frames;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Versions;

/// <summary>
/// Per stage of each chain, the rows of a frame that have done it (past it, or complete at it or after), counted by the
/// version stage_versions keeps for that row and stage. A row sent back by frame reprocess has not done the stage
/// until it runs again, so it is not counted, whatever its last run was.
/// </summary>
public static class FrameVersionCounts
{
    public static async Task<IReadOnlyList<StageVersionCount>> LoadAsync(SatDbContext db, StageCatalog stages, Frame frame, CancellationToken ct) =>
        await CountAsync(db, stages, frame, await FrameRowStates.ReadAsync(db, frame.Id, null, ct), ct);

    /// <summary>The counts over <paramref name="rows"/>, the frame's rows already read (the console reads them once for its grid too).</summary>
    public static async Task<IReadOnlyList<StageVersionCount>> CountAsync(SatDbContext db, StageCatalog stages, Frame frame, IReadOnlyList<FrameRowState> rows, CancellationToken ct)
    {
        var states = rows.Select(r => (r.Table, r.Id, r.Stage, r.Status)).Append((Table: TargetTables.Frames, Id: 0L, Stage: frame.TsStage, Status: frame.TsStatus)).ToList();
        var versions = (await db.StageVersions.AsNoTracking().Where(v => v.FrameId == frame.Id).ToListAsync(ct))
            .ToDictionary(v => (v.TargetTable, v.TargetId, v.Stage), v => v.Version);

        var counts = new List<StageVersionCount>();
        foreach (var table in new[] { TargetTables.Master, TargetTables.Ifg, TargetTables.RsarIfg, TargetTables.Frames })
        foreach (var stage in stages.Chain(table))
        {
            var done = states.Where(r => r.Table == table && (r.Stage > stage.Order || (r.Stage == stage.Order && r.Status == ProcStatus.Complete)));
            counts.AddRange(done.GroupBy(r => versions.GetValueOrDefault((table, r.Id, stage.Order)))
                .OrderBy(g => g.Key, SoftwareVersionOrder.Instance)
                .Select(g => new StageVersionCount(table, stage.Name, stage.Order, g.Key, g.Count())));
        }
        return counts;
    }
}
