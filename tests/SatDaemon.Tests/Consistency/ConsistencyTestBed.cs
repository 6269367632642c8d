using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Consistency;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Stages;
using SatDaemon.Tests.Daemon;
using SatDaemon.Tests.Infrastructure;
using SatDaemon.JobProtocol;

namespace SatDaemon.Tests.Consistency;

/// <summary>
/// A database, a config whose job types have one output each (the daemon tests' templates) and a processing folder
/// in which a test writes the outputs of chosen stages itself, from the same templates check-db-consistency reads.
/// </summary>
public sealed class ConsistencyTestBed : IAsyncDisposable
{
    public static readonly DateOnly D0 = new(2020, 1, 1);
    public static readonly DateOnly D1 = D0.AddDays(12);
    public static readonly DateOnly D2 = D0.AddDays(24);

    private readonly TempDirectory _dir = new();

    private ConsistencyTestBed(ITestDatabase db)
    {
        Db = db;
        var text = new ConfigText(db.Url, 1, Path.Combine(_dir.FullPath, "proc"), Path.Combine(_dir.FullPath, "data"));
        foreach (var type in ConfigText.DefaultJobTypes) text.Set("JOB:" + type, "outputs", DaemonTestBed.OutputsFor(type));
        ConfigPath = _dir.Path("satdaemon.cfg");
        File.WriteAllText(ConfigPath, text.ToString());
        Config = ConfigLoader.Load(ConfigPath);
    }

    public ITestDatabase Db { get; }
    public SatDbFactory Factory => Db.Factory;
    public string ConfigPath { get; }
    public SatDaemonConfig Config { get; }

    public static async Task<ConsistencyTestBed> CreateAsync(TestProvider provider) => new(await TestDatabases.CreateAsync(provider));

    public ConsistencyChecker Checker() => new(Factory, Config);

    public Task<ConsistencyReport> CheckAsync(bool apply, string? frame = null) => Checker().RunAsync(frame, apply, null, CancellationToken.None);

    /// <summary>A frame with master D0, ifg D1 and D2, rsar pairs D0_D1, D0_D2, D1_D2, every row at stage 1 waiting, and its folder.</summary>
    public async Task AddFrameAsync(string id)
    {
        var now = DateTime.UtcNow;
        await using var db = Factory.Create();
        db.Frames.Add(new Frame { Id = id, Track = int.Parse(id[..3]), OrbitDirection = id[3..4], ProcLevel = ProcLevel.Full, MasterDate = D0, LastUpdated = now });
        db.Master.Add(new MasterRow { FrameId = id, Date = D0, CreatedAt = now, UpdatedAt = now });
        foreach (var d in new[] { D1, D2 }) db.Ifg.Add(new IfgRow { FrameId = id, Date = d, CreatedAt = now, UpdatedAt = now });
        foreach (var (a, b) in new[] { (D0, D1), (D0, D2), (D1, D2) })
            db.RsarIfg.Add(new RsarIfgRow { FrameId = id, Date1 = a, Date2 = b, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        Directory.CreateDirectory(Config.FrameDir(id));
    }

    /// <summary>Writes the outputs of the given stages (1-based) of one row, as a finished job would.</summary>
    public IReadOnlyList<string> WriteOutputs(string frame, string table, DateOnly? date, DateOnly? date2, params int[] stages)
    {
        var paths = stages.SelectMany(s => OutputPaths(frame, table, date, date2, s)).ToList();
        foreach (var path in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"output of {frame} {table} stage\n");
        }
        return paths;
    }

    /// <summary>Paths of one stage's outputs for one row, expanded from the config's templates.</summary>
    public IReadOnlyList<string> OutputPaths(string frame, string table, DateOnly? date, DateOnly? date2, int stage)
    {
        var type = DefaultChain.Stages.Single(s => s.Table == table && s.Order == stage).JobType;
        var values = JobPlaceholders.For(Config, frame, date, date2, D0, null);
        return Config.JobType(type).Outputs.Select(t => CommandTemplate.Expand(t, values)).ToList();
    }

    public async Task SetIfgAsync(string frame, DateOnly date, int stage, int status)
    {
        await using var db = Factory.Create();
        await db.Ifg.Where(r => r.FrameId == frame && r.Date == date)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProcStage, stage).SetProperty(r => r.ProcStatus, status));
    }

    public async Task<RowState> IfgAsync(string frame, DateOnly date)
    {
        await using var db = Factory.Create();
        var r = await db.Ifg.AsNoTracking().SingleAsync(x => x.FrameId == frame && x.Date == date);
        return new RowState(r.ProcStage, r.ProcStatus);
    }

    public async Task<T> QueryAsync<T>(Func<SatDbContext, Task<T>> query)
    {
        await using var db = Factory.Create();
        return await query(db);
    }

    /// <summary>Lowers recreate_joblist and forgets frames marked for the job list, to see whether the next step asks again.</summary>
    public async Task ClearJobListRequestsAsync()
    {
        await using var db = Factory.Create();
        await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, false));
        await db.JobListDirtyFrames.ExecuteDeleteAsync();
    }

    /// <summary>The frames whose part of the job list the daemon is asked to rebuild (joblist_dirty_frames), sorted.</summary>
    public Task<List<string>> JobListFramesAsync() =>
        QueryAsync(db => db.JobListDirtyFrames.OrderBy(d => d.FrameId).Select(d => d.FrameId).ToListAsync());

    public Task<string> DumpAsync() => TableDump.DumpAsync(Factory);

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        _dir.Dispose();
    }
}
