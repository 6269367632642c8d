using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Control;

/// <summary>One throw-away, initialised processing database (the shared <see cref="TestDatabases"/>) with the
/// control tests' helpers around it.</summary>
public sealed class ControlTestDb : IAsyncDisposable
{
    private readonly ITestDatabase _db;

    private ControlTestDb(ITestDatabase db) => _db = db;

    public string Url => _db.Url;
    public SatDbFactory Factory => _db.Factory;

    public static async Task<ControlTestDb> CreateSqliteAsync() =>
        new(await TestDatabases.CreateAsync(TestProvider.Sqlite));

    public static async Task<ControlTestDb> CreatePostgresAsync() =>
        new(await TestDatabases.CreateAsync(TestProvider.Postgres));

    /// <summary>Empties frames and job tables, lowers the daemon_tools flags and forgets frames marked for the job list,
    /// so each test starts from the same place.</summary>
    public async Task ResetAsync()
    {
        await using var db = Factory.Create();
        await db.PendingJobs.ExecuteDeleteAsync();
        await db.RunningJobs.ExecuteDeleteAsync();
        await db.FailedJobs.ExecuteDeleteAsync();
        await db.Frames.ExecuteDeleteAsync(); // cascades to master, ifg, rsar_ifg
        await db.DaemonTools.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.RecreateJoblist, false).SetProperty(d => d.PowerDown, false)
            .SetProperty(d => d.Heartbeat, (DateTime?)null));
        await db.JobListDirtyFrames.ExecuteDeleteAsync();
    }

    /// <summary>Lowers recreate_joblist and power_down and forgets marked frames, to see whether the next operation asks again.</summary>
    public async Task ResetFlagsAsync()
    {
        await using var db = Factory.Create();
        await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, false).SetProperty(d => d.PowerDown, false));
        await db.JobListDirtyFrames.ExecuteDeleteAsync();
    }

    /// <summary>The frames whose part of the job list the daemon is asked to rebuild (joblist_dirty_frames), sorted.</summary>
    public async Task<List<string>> JobListFramesAsync()
    {
        await using var db = Factory.Create();
        return await db.JobListDirtyFrames.AsNoTracking().OrderBy(d => d.FrameId).Select(d => d.FrameId).ToListAsync();
    }

    public async Task<Frame> AddFrameAsync(string id, ProcLevel level = ProcLevel.Off, int priority = 0)
    {
        var frame = new Frame
        {
            Id = id,
            Track = int.Parse(id[..3]),
            OrbitDirection = id[3..4],
            ProcLevel = level,
            Priority = priority,
            LastUpdated = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        await AddAsync(frame);
        return frame;
    }

    public async Task AddAsync(params object[] rows)
    {
        await using var db = Factory.Create();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    public async Task<Frame> FrameAsync(string id)
    {
        await using var db = Factory.Create();
        return await db.Frames.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    public async Task<DaemonTools> DaemonToolsAsync()
    {
        await using var db = Factory.Create();
        return await db.DaemonTools.AsNoTracking().SingleAsync();
    }

    public async Task<T> ReadAsync<T>(Func<SatDbContext, Task<T>> read)
    {
        await using var db = Factory.Create();
        return await read(db);
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
