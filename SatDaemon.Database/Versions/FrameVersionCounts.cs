using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;

namespace SatDaemon.Database.Versions;

/// <summary>
/// Per stage of each chain, the rows of a frame that have done it (past it, or complete at it or after), counted by the
/// version stage_versions keeps for that row and stage. A row sent back by frame reprocess has not done the stage
/// until it runs again, so it is not counted, whatever its last run was.
/// </summary>
internal static class FrameVersionCounts
{
    public static async Task<IReadOnlyList<StageVersionCount>> LoadAsync(SatDbContext db, StageCatalog stages, Frame frame, CancellationToken ct)
    {
        var rows = new List<(string Table, long Id, int Stage, int Status)>();
        rows.AddRange((await db.Master.AsNoTracking().Where(m => m.FrameId == frame.Id).Select(m => new { m.Id, m.ProcStage, m.ProcStatus }).ToListAsync(ct))
            .Select(r => (TargetTables.Master, r.Id, r.ProcStage, r.ProcStatus)));
        rows.AddRange((await db.Ifg.AsNoTracking().Where(m => m.FrameId == frame.Id).Select(m => new { m.Id, m.ProcStage, m.ProcStatus }).ToListAsync(ct))
            .Select(r => (TargetTables.Ifg, r.Id, r.ProcStage, r.ProcStatus)));
        rows.AddRange((await db.RsarIfg.AsNoTracking().Where(m => m.FrameId == frame.Id).Select(m => new { m.Id, m.ProcStage, m.ProcStatus }).ToListAsync(ct))
            .Select(r => (TargetTables.RsarIfg, r.Id, r.ProcStage, r.ProcStatus)));
        rows.Add((TargetTables.Frames, 0, frame.TsStage, frame.TsStatus));
        var versions = (await db.StageVersions.AsNoTracking().Where(v => v.FrameId == frame.Id).ToListAsync(ct))
            .ToDictionary(v => (v.TargetTable, v.TargetId, v.Stage), v => v.Version);

        var counts = new List<StageVersionCount>();
        foreach (var table in new[] { TargetTables.Master, TargetTables.Ifg, TargetTables.RsarIfg, TargetTables.Frames })
        foreach (var stage in stages.Chain(table))
        {
            var done = rows.Where(r => r.Table == table && (r.Stage > stage.Order || (r.Stage == stage.Order && r.Status == ProcStatus.Complete)));
            counts.AddRange(done.GroupBy(r => versions.GetValueOrDefault((table, r.Id, stage.Order)))
                .OrderBy(g => g.Key, SoftwareVersionOrder.Instance)
                .Select(g => new StageVersionCount(table, stage.Name, stage.Order, g.Key, g.Count())));
        }
        return counts;
    }
}
