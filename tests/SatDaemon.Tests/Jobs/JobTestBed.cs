using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Init;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Jobs;

/// <summary>
/// A workspace for job tests: a config file, an initialised database (SQLite temp file unless a URL is given),
/// a frame with a master date and one ifg row, and helpers to claim its job as the daemon would.
/// </summary>
public sealed class JobTestBed : IDisposable
{
    public const string FrameId = "132A_TEST_FRAME";
    public const string Machine = "m1";
    public static readonly DateOnly MasterDate = new(2020, 5, 11);
    public static readonly DateOnly IfgDate = new(2020, 5, 23);

    private JobTestBed(string root, string configPath, SatDaemonConfig config)
    {
        Root = root;
        ConfigPath = configPath;
        Config = config;
        Factory = SatDbFactory.FromConfig(config);
        Store = new JobStore(Factory);
    }

    public string Root { get; }
    public string ConfigPath { get; }
    public SatDaemonConfig Config { get; }
    public SatDbFactory Factory { get; }
    public JobStore Store { get; }
    public string FrameDir => Config.FrameDir(FrameId);

    /// <param name="databaseUrl">Null: a SQLite file in the workspace.</param>
    /// <param name="retries">retries of the test job type (download).</param>
    /// <param name="parameters">Extra [PARAMETERS] lines (e.g. kill_grace = 1s).</param>
    /// <param name="satdaemonTools">satdaemon_tools (default: the test build's satdaemon-tools.dll).</param>
    public static async Task<JobTestBed> CreateAsync(string? databaseUrl = null, int retries = 0, string? teamsWebhook = null, string parameters = "",
        string? satdaemonTools = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "sdt-job-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var url = databaseUrl ?? $"sqlite:///{Path.Combine(root, "sat.db")}";
        var text = $$"""
            [PARAMETERS]
            database = {{url}}
            data_dir = {{root}}/data
            proc_dir = {{root}}/proc
            software_dir = {{root}}/sw
            satdaemon_tools = {{satdaemonTools ?? ToolProcess.ToolsDll}}
            teams_webhook = {{teamsWebhook ?? ""}}
            {{parameters}}

            [PROC_MACHINES]
            names = {{Machine}}

            [PROC_MACHINES:{{Machine}}]
            transport = local
            cpus = 4
            memory = 8

            [JOB:download]
            cpus = 1
            memory = 1
            disk = 1
            command = {software_dir}/download --frame {frame} --date {date}
            outputs = {frame_dir}/RAW/{date}/download.ok, {frame_dir}/RAW/{date}/vs_{master_date}.txt
            retries = {{retries}}
            """;
        var configPath = Path.Combine(root, "satdaemon.cfg");
        await File.WriteAllTextAsync(configPath, text);
        var bed = new JobTestBed(root, configPath, ConfigLoader.Load(configPath));
        await DatabaseTemplate.CreateAsync(bed.Factory);
        await bed.SeedFrameAsync();
        return bed;
    }

    /// <summary>Claims the ifg row's stage-1 job on m1, as the daemon does at launch; returns the running job.</summary>
    /// <param name="cpus">The budget the job holds (running_jobs.cpus); 1 unless a test needs another.</param>
    /// <param name="memory">The memory it holds, GB.</param>
    public async Task<RunningJob> ClaimAsync(int cpus = 1, double memory = 1)
    {
        long ifgId;
        await using (var db = Factory.Create())
        {
            var ifg = await db.Ifg.SingleAsync(i => i.FrameId == FrameId);
            ifgId = ifg.Id;
            var pending = new PendingJob
            {
                FrameId = FrameId, JobType = "download", TargetTable = TargetTables.Ifg, TargetId = ifg.Id,
                Stage = ifg.ProcStage, StageName = "download", Date = ifg.Date, QueuedAt = DateTime.UtcNow,
            };
            db.PendingJobs.Add(pending);
            await db.SaveChangesAsync();
            var job = await Store.ClaimAsync(pending, Machine, cpus, memory, 1, LogPath, CancellationToken.None);
            return job ?? throw new InvalidOperationException($"ifg {ifgId} could not be claimed");
        }
    }

    public string LogPath(long jobId) => Path.Combine(FrameDir, "logs", $"job-{jobId.ToString(CultureInfo.InvariantCulture)}.log");

    /// <summary>job exec for a job, as the daemon launches it (without the nohup/setsid wrapper).</summary>
    public IReadOnlyList<string> ExecArgs(long jobId, IEnumerable<string> command) =>
        ["job", "exec", "--job-id", jobId.ToString(CultureInfo.InvariantCulture), "-d", ConfigPath, "--log", LogPath(jobId), "--", .. command];

    public async Task<IfgRow> IfgAsync()
    {
        await using var db = Factory.Create();
        return await db.Ifg.AsNoTracking().SingleAsync(i => i.FrameId == FrameId);
    }

    public async Task<T> QueryAsync<T>(Func<SatDbContext, Task<T>> query)
    {
        await using var db = Factory.Create();
        return await query(db);
    }

    /// <summary>The job tables and the log, for assertion messages: a failing test shows what the database held.</summary>
    public async Task<string> DumpAsync(long jobId)
    {
        var sb = new StringBuilder();
        await using var db = Factory.Create();
        foreach (var r in await db.RunningJobs.AsNoTracking().ToListAsync()) sb.AppendLine($"running: {r.Id} {r.JobType} pid={r.Pid} progress={r.Progress} msg={r.Message}");
        foreach (var f in await db.FailedJobs.AsNoTracking().ToListAsync()) sb.AppendLine($"failed: job {f.JobId} exit={f.ExitCode} retried={f.Retried} error={f.Error}");
        foreach (var p in await db.PendingJobs.AsNoTracking().ToListAsync()) sb.AppendLine($"pending: {p.Id} {p.JobType} attempt={p.Attempt} notBefore={p.NotBefore:O}");
        foreach (var e in await db.JobEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync()) sb.AppendLine($"event: job {e.JobId} {e.Kind} {e.Message}");
        foreach (var i in await db.Ifg.AsNoTracking().ToListAsync()) sb.AppendLine($"ifg: {i.Id} {i.Date} stage={i.ProcStage} status={i.ProcStatus}");
        var log = LogPath(jobId);
        sb.AppendLine("--- log").AppendLine(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(none)");
        return sb.ToString();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    private async Task SeedFrameAsync()
    {
        await using var db = Factory.Create();
        var now = DateTime.UtcNow;
        db.Frames.Add(new Frame { Id = FrameId, Track = 132, OrbitDirection = "A", ProcLevel = ProcLevel.Full, MasterDate = MasterDate, LastUpdated = now });
        db.Ifg.Add(new IfgRow { FrameId = FrameId, Date = IfgDate, ProcStage = 1, ProcStatus = ProcStatus.Waiting, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        Directory.CreateDirectory(FrameDir);
    }
}
