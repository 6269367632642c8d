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

    /// <summary>The four chains in one query (UNION ALL): the console's frame page loads them per request.</summary>
    public static async Task<StageCatalog> LoadAsync(SatDbContext db, CancellationToken ct)
    {
        var read = await db.MasterProcStages.AsNoTracking().Select(s => new { Table = 0, s.Id, s.Name, s.Order, s.JobType, s.MinLevel, s.Rank })
            .Concat(db.IfgProcStages.AsNoTracking().Select(s => new { Table = 1, s.Id, s.Name, s.Order, s.JobType, s.MinLevel, s.Rank }))
            .Concat(db.RsarIfgProcStages.AsNoTracking().Select(s => new { Table = 2, s.Id, s.Name, s.Order, s.JobType, s.MinLevel, s.Rank }))
            .Concat(db.FrameProcStages.AsNoTracking().Select(s => new { Table = 3, s.Id, s.Name, s.Order, s.JobType, s.MinLevel, s.Rank }))
            .ToListAsync(ct);
        // Anonymous rows in the query: EF translates no constructor inside a set operation.
        var rows = read.Select(r => new StageRead(r.Table, r.Id, r.Name, r.Order, r.JobType, r.MinLevel, r.Rank)).ToList();
        var chains = new Dictionary<string, IReadOnlyList<ProcStageRow>>
        {
            [TargetTables.Master] = Chain(rows, 0, r => new MasterProcStage { Id = r.Id, Name = r.Name, Order = r.Order, JobType = r.JobType, MinLevel = r.MinLevel, Rank = r.Rank }),
            [TargetTables.Ifg] = Chain(rows, 1, r => new IfgProcStage { Id = r.Id, Name = r.Name, Order = r.Order, JobType = r.JobType, MinLevel = r.MinLevel, Rank = r.Rank }),
            [TargetTables.RsarIfg] = Chain(rows, 2, r => new RsarIfgProcStage { Id = r.Id, Name = r.Name, Order = r.Order, JobType = r.JobType, MinLevel = r.MinLevel, Rank = r.Rank }),
            [TargetTables.Frames] = Chain(rows, 3, r => new FrameProcStage { Id = r.Id, Name = r.Name, Order = r.Order, JobType = r.JobType, MinLevel = r.MinLevel, Rank = r.Rank }),
        };
        foreach (var (table, chain) in chains)
            if (chain.Count == 0) throw new InvalidOperationException($"{table} has no processing stages: run satdaemon-tools init-database");
        return new StageCatalog(chains);
    }

    private static List<ProcStageRow> Chain(IEnumerable<StageRead> read, int table, Func<StageRead, ProcStageRow> make) =>
        read.Where(r => r.Table == table).OrderBy(r => r.Order).Select(make).ToList();

    private sealed record StageRead(int Table, int Id, string Name, int Order, string JobType, ProcLevel MinLevel, int Rank);
}
