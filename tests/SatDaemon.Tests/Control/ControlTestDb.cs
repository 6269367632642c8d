using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Database;
using SatDaemon.Database.Init;
using SatDaemon.Database.Model;
using SatDaemon.Database.Providers;

namespace SatDaemon.Tests.Control;

/// <summary>One throw-away, initialised processing database (a temp SQLite file or a uniquely named PostgreSQL database).</summary>
public sealed class ControlTestDb : IAsyncDisposable
{
    private readonly string? _sqliteDir;
    private readonly string? _pgName;

    private ControlTestDb(string url, string? sqliteDir, string? pgName)
    {
        Url = url;
        _sqliteDir = sqliteDir;
        _pgName = pgName;
        Factory = new SatDbFactory(DatabaseUrl.Parse(url, sqliteDir ?? "."));
    }

    public string Url { get; }
    public SatDbFactory Factory { get; }

    public static async Task<ControlTestDb> CreateSqliteAsync()
    {
        var dir = Directory.CreateTempSubdirectory("satdaemon-control-").FullName;
        var db = new ControlTestDb("sqlite:///" + Path.Combine(dir, "satdaemon.db"), dir, null);
        await new DatabaseInitializer(db.Factory).InitializeAsync();
        return db;
    }

    public static async Task<ControlTestDb> CreatePostgresAsync()
    {
        var name = "satdaemon_ctl_" + Guid.NewGuid().ToString("N")[..12];
        var db = new ControlTestDb(ControlPostgres.UrlFor(name), null, name);
        // init-database creates the missing database itself, as it does for an operator.
        await new DatabaseInitializer(db.Factory).InitializeAsync();
        return db;
    }

    /// <summary>Empties frames and job tables and lowers the daemon_tools flags, so each test starts from the same place.</summary>
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
    }

    /// <summary>Lowers recreate_joblist and power_down, to see whether the next operation raises them.</summary>
    public async Task ResetFlagsAsync()
    {
        await using var db = Factory.Create();
        await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.RecreateJoblist, false).SetProperty(d => d.PowerDown, false));
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

    public async ValueTask DisposeAsync()
    {
        if (_sqliteDir is not null)
        {
            // Pooled SQLite connections keep the file open; release them before deleting it.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, recursive: true); } catch (IOException) { }
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(ControlPostgres.AdminConnectionString());
            await conn.OpenAsync();
            // The name is ours (letters, digits, underscore), so quoting it as an identifier is safe.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
