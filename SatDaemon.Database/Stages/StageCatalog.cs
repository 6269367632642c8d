using Microsoft.EntityFrameworkCore;
using SatDaemon.Database.Model;

namespace SatDaemon.Database.Stages;

/// <summary>The stage tables as read from the database: the chain of each target table, in order.</summary>
public sealed class StageCatalog
{
    private readonly Dictionary<string, IReadOnlyList<ProcStageRow>> _chains;

    public StageCatalog(Dictionary<string, IReadOnlyList<ProcStageRow>> chains) => _chains = chains;

    public IReadOnlyList<ProcStageRow> Chain(string table) =>
        _chains.TryGetValue(table, out var c) ? c : throw new ArgumentException($"unknown target table '{table}'", nameof(table));

    public ProcStageRow Stage(string table, int order)
    {
        var chain = Chain(table);
        return order >= 1 && order <= chain.Count ? chain[order - 1] : throw new ArgumentOutOfRangeException(nameof(order), $"{table} has no stage {order}");
    }

    public int Last(string table) => Chain(table).Count;

    /// <summary>
    /// The stage's name, or "stage N" for an order outside the chain (a row before its first stage, or left past the
    /// last by a shorter chain): for messages that describe rows as they are, whatever they hold.
    /// </summary>
    public string NameOf(string table, int order) =>
        order >= StageRoles.First && order <= Last(table) ? Stage(table, order).Name : $"stage {order}";

    /// <summary>
    /// Order of the ifg coregistration stage, the one that needs the master; the default chain's when the ifg chain
    /// has none by that name, so a master change still knows which ifg rows to take back.
    /// </summary>
    public int Coregistration =>
        Chain(TargetTables.Ifg).FirstOrDefault(StageRoles.IsCoregistration)?.Order ?? DefaultChain.Coregistration.Order;

    public IEnumerable<string> JobTypes => _chains.Values.SelectMany(c => c).Select(s => s.JobType).Distinct();

    public static async Task<StageCatalog> LoadAsync(SatDbContext db, CancellationToken ct)
    {
        var chains = new Dictionary<string, IReadOnlyList<ProcStageRow>>
        {
            [TargetTables.Master] = await db.MasterProcStages.AsNoTracking().OrderBy(s => s.Order).ToListAsync<ProcStageRow>(ct),
            [TargetTables.Ifg] = await db.IfgProcStages.AsNoTracking().OrderBy(s => s.Order).ToListAsync<ProcStageRow>(ct),
            [TargetTables.RsarIfg] = await db.RsarIfgProcStages.AsNoTracking().OrderBy(s => s.Order).ToListAsync<ProcStageRow>(ct),
            [TargetTables.Frames] = await db.FrameProcStages.AsNoTracking().OrderBy(s => s.Order).ToListAsync<ProcStageRow>(ct),
        };
        foreach (var (table, chain) in chains)
            if (chain.Count == 0) throw new InvalidOperationException($"{table} has no processing stages: run satdaemon-tools init-database");
        return new StageCatalog(chains);
    }
}
