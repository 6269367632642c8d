using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Control;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Tests.Web;

/// <summary>
/// A real console on Kestrel (127.0.0.1, a port the OS picks) over a database in a known state: two frames (one whose
/// id is a &lt;script&gt;), a running job at 40 %, a failed job with a log tail, pending jobs, events, bursts with outlines.
/// </summary>
public sealed class WebTestBed : IAsyncDisposable
{
    public const string Frame = "132A_WEB_ONE";
    public const string ScriptFrame = "<script>alert('x')</script>";
    public const long RunningJob = 7;
    public const long FailedJob = 9;
    public const string FullImageFile = "S1A_IW_SLC__1SDV_20200125T170000_20200125T170027_030951_038E11_AAAA";
    public const string PartialImageFile = "S1A_IW_SLC__1SDV_20200113T170000_20200113T170027_030776_0387F2_BBBB";
    public const string LogTail = "reading orbit\nERROR: <orbit> file S1A_OPER missing & no fallback";
    public const string RunningMessage = "coregistering burst 3 of 6";

    public static readonly MachineOptions[] Machines =
    [
        new() { Name = "proc01", Host = "proc01", Cpus = 32, Memory = 256, Disk = 100 },
        new() { Name = "proc02", Host = "proc02", Cpus = 16, Memory = 64, Disk = 100 },
    ];

    private static readonly GeometryFactory Geo = new(new PrecisionModel(), 4326);
    private WebApplication? _app;

    private WebTestBed(ControlTestDb db) => Db = db;

    public ControlTestDb Db { get; }
    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>daemon_tools.last_joblist_at as seeded: two hours before the seed, whole seconds (PostgreSQL keeps microseconds, not ticks).</summary>
    public DateTime JobListBuiltAt { get; private set; }

    /// <param name="web">[WEB] as the console reads it (users file, read_only, …); default none: the view-only console.</param>
    /// <param name="machines">[PROC_MACHINES] of the console; default <see cref="Machines"/> (proc01, proc02).</param>
    public static async Task<WebTestBed> StartAsync(bool postgres, WebOptions? web = null, MachineOptions[]? machines = null)
    {
        var bed = new WebTestBed(postgres ? await ControlTestDb.CreatePostgresAsync() : await ControlTestDb.CreateSqliteAsync());
        await bed.SeedAsync();
        var config = new SatDaemonConfig
        {
            FilePath = "/nonexistent/satdaemon.cfg",
            Parameters = new ParametersOptions { Database = bed.Db.Url },
            Machines = machines ?? Machines,
            JobTypes = new Dictionary<string, JobTypeOptions>(),
            Web = web ?? new WebOptions(),
        };
        bed._app = WebConsole.Build(new ConsoleData(config, bed.Db.Factory, new NoDaemonInsight(), TimeProvider.System), new ListenAddress("127.0.0.1", 0));
        await bed._app.StartAsync();
        bed.BaseUrl = WebConsole.Url(bed._app);
        return bed;
    }

    public Task<string> GetAsync(string path) => Http.GetStringAsync(BaseUrl + path);

    /// <summary>
    /// The daemon's heartbeat now, as a running daemon writes it each pass: the seeded one grows older than two poll
    /// intervals ("stale") when a test runs a minute or more after the bed was made, which a loaded host makes likely.
    /// </summary>
    public async Task HeartbeatAsync()
    {
        await using var db = Db.Factory.Create();
        await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.Heartbeat, DateTime.UtcNow));
    }

    /// <summary>Moves the running job's progress, to see a live page follow.</summary>
    public async Task SetProgressAsync(double percent)
    {
        await using var db = Db.Factory.Create();
        await db.RunningJobs.Where(j => j.Id == RunningJob).ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, percent));
    }

    private async Task SeedAsync()
    {
        var now = DateTime.UtcNow;
        await Db.AddAsync(
            new Burst { Id = "132_8603_IW1", Track = 132, OrbitDirection = "A", Swath = "IW1", AnxId = 8603, EsaBurstId = 281603, Geometry = Box(10, 50, 11, 51) },
            new Burst { Id = "132_8630_IW1", Track = 132, OrbitDirection = "A", Swath = "IW1", AnxId = 8630, EsaBurstId = 281630, Geometry = Box(10, 50.9, 11, 52) },
            new Burst { Id = "81_1000_IW2", Track = 81, OrbitDirection = "D", Swath = "IW2", AnxId = 1000, Geometry = Box(12, 48, 13, 49) });
        await Db.AddAsync(
            new Frame { Id = Frame, Track = 132, OrbitDirection = "A", ProcLevel = ProcLevel.Full, Priority = 5, MasterDate = new DateOnly(2020, 1, 1), Geometry = Box(10, 50, 11, 52), LastUpdated = now },
            new Frame { Id = ScriptFrame, Track = 81, OrbitDirection = "D", ProcLevel = ProcLevel.Download, Priority = 1, Geometry = Box(12, 48, 13, 49), LastUpdated = now });
        await Db.AddAsync(
            new FrameBurst { FrameId = Frame, BurstId = "132_8603_IW1" }, new FrameBurst { FrameId = Frame, BurstId = "132_8630_IW1" },
            new FrameBurst { FrameId = ScriptFrame, BurstId = "81_1000_IW2" },
            // The image of 2020-01-25 is whole (one zip holds both frame bursts); that of 2020-01-13 misses 132_8630_IW1.
            File(FullImageFile, new DateOnly(2020, 1, 25), now), File(PartialImageFile, new DateOnly(2020, 1, 13), now),
            new FileBurst { FileId = FullImageFile, BurstId = "132_8603_IW1" }, new FileBurst { FileId = FullImageFile, BurstId = "132_8630_IW1" },
            new FileBurst { FileId = PartialImageFile, BurstId = "132_8603_IW1" },
            // master done through master_geo (stage 3 complete); one ifg at slc running, one failed at download.
            new MasterRow { FrameId = Frame, Date = new DateOnly(2020, 1, 1), ProcStage = 3, ProcStatus = ProcStatus.Complete, CreatedAt = now, UpdatedAt = now },
            new IfgRow { FrameId = Frame, Date = new DateOnly(2020, 1, 13), ProcStage = 2, ProcStatus = ProcStatus.Running, CreatedAt = now, UpdatedAt = now },
            new IfgRow { FrameId = Frame, Date = new DateOnly(2020, 1, 25), ProcStage = 1, ProcStatus = ProcStatus.Failed, CreatedAt = now, UpdatedAt = now },
            new RsarIfgRow { FrameId = Frame, Date1 = new DateOnly(2020, 1, 1), Date2 = new DateOnly(2020, 1, 13), CreatedAt = now, UpdatedAt = now },
            new MasterRow { FrameId = ScriptFrame, Date = new DateOnly(2021, 5, 5), CreatedAt = now, UpdatedAt = now },
            new RunningJob
            {
                Id = RunningJob, FrameId = Frame, JobType = "slc", TargetTable = TargetTables.Ifg, TargetId = 2, Stage = 2, StageName = "slc",
                Date = new DateOnly(2020, 1, 13), Machine = "proc01", Pid = 4242, Cpus = 4, Memory = 16, Disk = 30, Progress = 40,
                Message = RunningMessage, StartedAt = now.AddMinutes(-12),
            },
            new FailedJob
            {
                JobId = FailedJob, FrameId = Frame, JobType = "download", TargetTable = TargetTables.Ifg, TargetId = 3, Stage = 1, StageName = "download",
                Date = new DateOnly(2020, 1, 25), Machine = "proc02", ExitCode = 3, Error = "download failed: <404>", LogTail = LogTail, FailedAt = now.AddMinutes(-5),
            },
            new PendingJob { FrameId = Frame, JobType = "coherence", TargetTable = TargetTables.RsarIfg, TargetId = 1, Stage = 1, StageRank = 6, StageName = "coherence", Date = new DateOnly(2020, 1, 1), Date2 = new DateOnly(2020, 1, 13), Priority = 5, QueuedAt = now },
            new PendingJob { FrameId = ScriptFrame, JobType = "download", TargetTable = TargetTables.Master, TargetId = 4, Stage = 1, StageRank = 1, StageName = "download", Date = new DateOnly(2021, 5, 5), Priority = 1, QueuedAt = now },
            new JobEvent { JobId = FailedJob, Kind = JobEventKinds.Launched, FrameId = Frame, Machine = "proc02", Message = $"download {Frame} 2020-01-25 download", Time = now.AddMinutes(-9) },
            new JobEvent { JobId = FailedJob, Kind = JobEventKinds.Failed, FrameId = Frame, Machine = "proc02", Message = "download failed: <404>", Time = now.AddMinutes(-5) },
            new JobEvent { JobId = RunningJob, Kind = JobEventKinds.Launched, FrameId = Frame, Machine = "proc01", Message = $"slc {Frame} 2020-01-13 slc", Time = now.AddMinutes(-12) });
        await using var db = Db.Factory.Create();
        JobListBuiltAt = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddHours(-2);
        await db.DaemonTools.ExecuteUpdateAsync(s => s.SetProperty(d => d.Heartbeat, now).SetProperty(d => d.DaemonHost, "proc00").SetProperty(d => d.DaemonPid, 4242)
            .SetProperty(d => d.LastJoblistAt, JobListBuiltAt));
    }

    private static SlcFile File(string id, DateOnly date, DateTime now) => new()
    {
        Id = id, Abspath = $"/data/T132/{id}.zip", Mission = "S1A", Track = 132, OrbitDirection = "A", Date = date,
        StartTime = date.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc), StopTime = date.ToDateTime(new TimeOnly(17, 0, 27), DateTimeKind.Utc),
        AnxTime = date.ToDateTime(new TimeOnly(16, 50), DateTimeKind.Utc), AbsoluteOrbit = 30951, LastUpdated = now,
    };

    private static Polygon Box(double x0, double y0, double x1, double y1) =>
        Geo.CreatePolygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Db.DisposeAsync();
    }
}
