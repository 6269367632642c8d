using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Web;

/// <summary>
/// The console at operators' scale, on top of <see cref="WebTestBed"/>'s seed: 40 machines (m01 … m40), a frame of
/// 300 dates (3 failed, 2 running on m01/m02, 20 waiting, the rest complete), job events in known hours (one with a
/// &lt;script&gt; job type) and cluster samples at known minutes. Every expected figure of the tests is one of these.
/// </summary>
public static class ScaleWebBed
{
    public const string LongFrame = "44D_LONG_300";
    public const int Dates = 300;
    public static readonly int[] FailedAt = [227, 274, 280];
    public static readonly int[] RunningAt = [100, 290];
    public static readonly int[] WaitingAt = Enumerable.Range(150, 20).ToArray();
    public const string ScriptJobType = "<script>alert('t')</script>";

    public static readonly MachineOptions[] FortyMachines = Enumerable.Range(1, 40)
        .Select(i => new MachineOptions { Name = $"m{i:00}", Host = $"m{i:00}", Cpus = 32, Memory = 128, Disk = 100 }).ToArray();

    public static DateOnly Date(int i) => new DateOnly(2018, 1, 1).AddDays(6 * i);

    /// <summary>Hour buckets (UTC, whole hours) the events were put in, counted back from the seed's hour.</summary>
    public static DateTime HourBucket(DateTime seededAt, int hoursBack) =>
        new DateTime(seededAt.Ticks - seededAt.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(-hoursBack);

    /// <summary>15-minute buckets of the 24 h sample charts.</summary>
    public static DateTime QuarterBucket(DateTime seededAt, int quartersBack) =>
        new DateTime(seededAt.Ticks - seededAt.Ticks % (TimeSpan.TicksPerMinute * 15), DateTimeKind.Utc).AddMinutes(-15 * quartersBack);

    /// <summary>launched "slc" ×3 and "<script>" ×1 at 2 h back, failed "download" ×2 at 5 h back, finished "slc" ×4 at 1 h back.</summary>
    public static readonly (string Kind, string Type, int HoursBack, int Count)[] Events =
    [
        (JobEventKinds.Launched, "slc", 2, 3), (JobEventKinds.Launched, ScriptJobType, 2, 1),
        (JobEventKinds.Failed, "download", 5, 2), (JobEventKinds.Finished, "slc", 1, 4),
    ];

    /// <summary>Cluster samples: 3 h back (12 quarters) pending 7 (memory 5, cpus 2), 2 h back (8 quarters) pending 4 (memory 4).</summary>
    public static readonly (int QuartersBack, int Running, int Pending, string Reasons)[] Samples =
    [
        (12, 3, 7, "cpus=2;memory=5"), (8, 2, 4, "memory=4"),
    ];

    /// <summary>m01's samples: 24 cpus 6 h back (24 quarters), 8 cpus 1 h back (4 quarters); budget 32.</summary>
    public static readonly (int QuartersBack, int Cpus)[] MachineSamples = [(24, 24), (4, 8)];

    public static async Task<(WebTestBed Bed, DateTime SeededAt)> StartAsync(bool postgres)
    {
        var bed = await WebTestBed.StartAsync(postgres, machines: FortyMachines);
        var now = DateTime.UtcNow;
        var rows = new List<object>
        {
            new Frame { Id = LongFrame, Track = 44, OrbitDirection = "D", ProcLevel = ProcLevel.Full, Priority = 3, MasterDate = Date(0), LastUpdated = now },
            new MasterRow { FrameId = LongFrame, Date = Date(0), ProcStage = 3, ProcStatus = ProcStatus.Complete, CreatedAt = now, UpdatedAt = now },
        };
        for (var i = 1; i <= Dates; i++)
        {
            var (stage, status) = FailedAt.Contains(i) ? (2, ProcStatus.Failed)
                : RunningAt.Contains(i) ? (2, ProcStatus.Running)
                : WaitingAt.Contains(i) ? (1, ProcStatus.Waiting)
                : (9, ProcStatus.Complete);
            rows.Add(new IfgRow { FrameId = LongFrame, Date = Date(i), ProcStage = stage, ProcStatus = status, CreatedAt = now, UpdatedAt = now });
        }
        await bed.Db.AddAsync(rows.ToArray());
        var jobs = new List<object>();
        for (var r = 0; r < RunningAt.Length; r++)
            jobs.Add(new RunningJob
            {
                Id = 1000 + r, FrameId = LongFrame, JobType = "slc", TargetTable = TargetTables.Ifg, TargetId = 10_000 + r, Stage = 2, StageName = "slc",
                Date = Date(RunningAt[r]), Machine = $"m{r + 1:00}", Pid = 5000 + r, Cpus = 8, Memory = 32, Disk = 20, Progress = 10, StartedAt = now.AddMinutes(-30),
            });
        var id = 2000;
        foreach (var (kind, type, back, count) in Events)
            for (var k = 0; k < count; k++)
                jobs.Add(new JobEvent { JobId = id++, Kind = kind, JobType = type, FrameId = LongFrame, Machine = "m01", Message = $"{type} {LongFrame}", Time = HourBucket(now, back).AddMinutes(20 + k) });
        foreach (var (back, running, pending, reasons) in Samples)
            jobs.Add(new TrendSample { At = QuarterBucket(now, back).AddMinutes(7), Running = running, Pending = pending, Reasons = reasons, Cpus = 8 * running, Memory = 32 * running, Disk = 20 * running, CpusBudget = 1280, MemoryBudget = 5120, DiskBudget = 4000 });
        foreach (var (back, cpus) in MachineSamples)
            jobs.Add(new TrendSample { At = QuarterBucket(now, back).AddMinutes(7), Machine = "m01", Running = cpus / 8, Cpus = cpus, Memory = 4 * cpus, Disk = 20, CpusBudget = 32, MemoryBudget = 128, DiskBudget = 100 });
        await bed.Db.AddAsync(jobs.ToArray());
        return (bed, now);
    }
}

public sealed class SqliteScaleBedFixture : IAsyncLifetime
{
    private WebTestBed? _bed;

    public WebTestBed Bed => _bed ?? throw new InvalidOperationException("fixture not initialised");
    public DateTime SeededAt { get; private set; }

    public async Task InitializeAsync() => (_bed, SeededAt) = await ScaleWebBed.StartAsync(postgres: false);

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }
}

public sealed class PostgresScaleBedFixture : IAsyncLifetime
{
    private WebTestBed? _bed;

    public WebTestBed Bed => _bed ?? throw new InvalidOperationException("PostgreSQL test database not created: " + TestServices.SkipReason(Needs.Postgres));
    public DateTime SeededAt { get; private set; }

    public async Task InitializeAsync()
    {
        if (TestServices.SkipReason(Needs.Postgres) is null) (_bed, SeededAt) = await ScaleWebBed.StartAsync(postgres: true);
    }

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
    }
}
