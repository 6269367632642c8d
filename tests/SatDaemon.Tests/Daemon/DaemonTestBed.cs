using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Model;
using SatDaemon.Hosting;
using SatDaemon.Tests.Infrastructure;

namespace SatDaemon.Tests.Daemon;

/// <summary>
/// A database, a config whose job types run the real `satdaemon-tools job simulate` through the real `job exec`,
/// a processing folder, and ways to run the real daemon (in-process host or a separate process) against them.
/// </summary>
public sealed class DaemonTestBed : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    private DaemonTestBed(ITestDatabase db, string dir, ConfigText config)
    {
        Db = db;
        Dir = dir;
        Config = config;
    }

    public ITestDatabase Db { get; }
    public SatDbFactory Factory => Db.Factory;
    public string Dir { get; }
    public string ProcDir => Path.Combine(Dir, "proc");
    /// <summary>The config's data_dir (not created).</summary>
    public string DataDir => Path.Combine(Dir, "data");
    public string ConfigPath => Path.Combine(Dir, "satdaemon.cfg");
    public ConfigText Config { get; }
    public SatDaemonController Controller => new(Factory);

    public static string ToolsDll => TestBinaries.ToolsDll;
    public static string DaemonDll => TestBinaries.DaemonDll;

    /// <summary>Job types run `job simulate` for <paramref name="seconds"/>; machines come from <paramref name="machines"/>.</summary>
    /// <param name="simulate">True: `job simulate` (a dotnet process that reports progress and writes outputs);
    /// false: `sh -c "sleep N"`, half the process start-ups, for tests that only care about scheduling.</param>
    public static async Task<DaemonTestBed> CreateAsync(TestProvider provider, double seconds = 0.4, Action<ConfigText>? machines = null, bool simulate = true)
    {
        var db = await TestDatabases.CreateAsync(provider);
        // Under the scratch folder (mode 1777) so the ssh test user can write logs and outputs too.
        var dir = Path.Combine(SshMachines.Scratch, "sdt-daemon-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "proc"));
        Chmod777(dir);
        Chmod777(Path.Combine(dir, "proc"));
        var config = new ConfigText(db.Url, 1, Path.Combine(dir, "proc"), Path.Combine(dir, "data"));
        config.Set("PARAMETERS", "satdaemon_tools", ToolsDll);
        if (TestBinaries.JobExec is { } nativeJobExec) config.Set("PARAMETERS", "job_exec", nativeJobExec);
        config.Set("PARAMETERS", "poll_interval", "1");
        foreach (var type in ConfigText.DefaultJobTypes)
        {
            var secs = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            config.Set("JOB:" + type, "command", simulate
                ? $"dotnet {ToolsDll} job simulate --stage {type} --seconds {secs} --progress-steps 2"
                : $"sh -c \"sleep {secs}\"");
            config.Set("JOB:" + type, "outputs", OutputsFor(type));
        }
        config.Machines(1, "local");
        config.Set("PROC_MACHINES:m01", "cpus", "4");
        config.Set("PROC_MACHINES:m01", "memory", "8");
        machines?.Invoke(config);
        var bed = new DaemonTestBed(db, dir, config);
        bed.WriteConfig();
        return bed;
    }

    /// <summary>
    /// Every job type runs `sh` that sleeps <paramref name="seconds"/> and writes the type's output file itself: the real
    /// job exec around a command that is not a dotnet process. For end-to-end tests of the chain, ingest or a transport,
    /// where the second .NET start-up per job (`job simulate`, ~1 s each on two loaded cores) was most of the time and
    /// proved nothing the test asks about; `job simulate` keeps its own end to end (DaemonChainFacts, JobSimulateTests).
    /// The output path is passed as $1, so the placeholder's value is never parsed by the shell.
    /// </summary>
    public static void ShellJobs(ConfigText config, double seconds)
    {
        var secs = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var type in ConfigText.DefaultJobTypes)
            config.Set("JOB:" + type, "command", $"sh -c 'sleep {secs} && mkdir -p \"${{1%/*}}\" && echo {type} done > \"$1\"' sh {OutputsFor(type)}");
    }

    /// <summary>Each job type's outputs use only the placeholders its jobs have.</summary>
    public static string OutputsFor(string type) => type switch
    {
        "coherence" or "unwrap" => $"{{frame_dir}}/{type}/{{date1}}_{{date2}}.done",
        "timeseries" or "ingest" => $"{{frame_dir}}/{type}/{{frame}}.done",
        _ => $"{{frame_dir}}/{type}/{{date}}.done",
    };

    public void WriteConfig()
    {
        File.WriteAllText(ConfigPath, Config.ToString());
        File.SetUnixFileMode(ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public SatDaemonConfig LoadConfig() => ConfigLoader.Load(ConfigPath);

    /// <summary>Two ssh machines on the test sshd ports, with small budgets.</summary>
    public static void SshMachinesConfig(ConfigText c, int cpus = 4, double memory = 8, string? knownHosts = null)
    {
        var names = new List<string>();
        for (var i = 0; i < SshMachines.Ports.Count; i++)
        {
            var name = $"ssh{i + 1}";
            names.Add(name);
            var s = "PROC_MACHINES:" + name;
            c.Set(s, "transport", "ssh");
            c.Set(s, "host", SshMachines.Host);
            c.Set(s, "port", SshMachines.Ports[i].ToString());
            c.Set(s, "user", SshMachines.User);
            c.Set(s, "key_file", SshMachines.Key ?? "/nonexistent");
            c.Set(s, "known_hosts", knownHosts ?? SshMachines.KnownHosts ?? "/nonexistent");
            c.Set(s, "cpus", cpus.ToString());
            c.Set(s, "memory", memory.ToString(System.Globalization.CultureInfo.InvariantCulture));
            c.Set(s, "disk", "100");
        }
        c.RemoveSection("PROC_MACHINES:m01");
        c.Set("PROC_MACHINES", "names", string.Join(", ", names));
    }

    /// <summary>A frame with a master and <paramref name="dates"/> − 1 ifg dates 12 days apart, and rsar pairs to the next 2 dates.</summary>
    public async Task<List<DateOnly>> AddFrameAsync(string id, int dates, ProcLevel level = ProcLevel.Full, int priority = 0, bool noUpdate = false,
        DateOnly? procStart = null, DateOnly? procEnd = null, DateOnly? first = null)
    {
        var start = first ?? new DateOnly(2020, 1, 1);
        var all = Enumerable.Range(0, dates).Select(i => start.AddDays(12 * i)).ToList();
        var now = DateTime.UtcNow;
        await using var db = Factory.Create();
        db.Frames.Add(new Frame
        {
            Id = id, Track = int.Parse(id[..3]), OrbitDirection = id[3..4], Priority = priority, ProcLevel = level, NoUpdate = noUpdate,
            ProcStart = procStart, ProcEnd = procEnd, MasterDate = all[0], LastUpdated = now,
        });
        db.Master.Add(new MasterRow { FrameId = id, Date = all[0], CreatedAt = now, UpdatedAt = now });
        foreach (var d in all.Skip(1)) db.Ifg.Add(new IfgRow { FrameId = id, Date = d, CreatedAt = now, UpdatedAt = now });
        for (var i = 0; i < all.Count; i++)
            for (var j = i + 1; j <= Math.Min(i + 2, all.Count - 1); j++)
                db.RsarIfg.Add(new RsarIfgRow { FrameId = id, Date1 = all[i], Date2 = all[j], CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        return all;
    }

    /// <summary>The real daemon host in this process; logs go to <paramref name="logs"/>.</summary>
    /// <param name="ingestInterval">The background ingest's interval ([PARAMETERS] ingest_interval, here below its 1 min floor); null: none.</param>
    /// <param name="wakeCheck">The glance between passes (<see cref="DaemonOptions.WakeCheckInterval"/>); null: 200 ms.</param>
    /// <param name="wakeupReconnect">How often a lost wake-up listener is opened again; null: the daemon's default.</param>
    public InProcessDaemon StartInProcess(CapturingLoggerProvider? logs = null, TimeSpan? poll = null, TimeSpan? launchGrace = null, TimeSpan? ingestInterval = null,
        TimeSpan? wakeCheck = null, TimeSpan? wakeupReconnect = null)
    {
        var config = LoadConfig();
        var exit = new DaemonExit();
        var options = new DaemonOptions
        {
            PollInterval = poll ?? TimeSpan.FromSeconds(1),
            WakeCheckInterval = wakeCheck ?? TimeSpan.FromMilliseconds(200),
            WakeupReconnectInterval = wakeupReconnect ?? new DaemonOptions().WakeupReconnectInterval,
            LaunchGrace = launchGrace ?? new DaemonOptions().LaunchGrace,
            IngestInterval = ingestInterval,
        };
        var host = DaemonHost.Build(config, options, exit, l =>
        {
            l.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null) l.AddProvider(logs);
        });
        var cts = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(cts.Token));
        return new InProcessDaemon(host, run, exit, cts);
    }

    /// <summary>The real `satdaemon run` as its own process, so a test can SIGKILL it.</summary>
    public Process StartProcess(string extraArgs = "")
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(DaemonDll);
        psi.ArgumentList.Add("run");
        psi.ArgumentList.Add("-d");
        psi.ArgumentList.Add(ConfigPath);
        foreach (var a in extraArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Output) Output.Add(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processes.Add(p);
        return p;
    }

    public List<string> Output { get; } = [];

    public async Task<bool> AllCompleteAsync(string frameId)
    {
        await using var db = Factory.Create();
        var f = await db.Frames.AsNoTracking().SingleAsync(x => x.Id == frameId);
        return f.TsStage == 2 && f.TsStatus == ProcStatus.Complete
            && await db.Master.AllAsync(m => m.FrameId != frameId || m.ProcStatus == ProcStatus.Complete)
            && await db.Ifg.AllAsync(m => m.FrameId != frameId || m.ProcStatus == ProcStatus.Complete)
            && await db.RsarIfg.AllAsync(m => m.FrameId != frameId || m.ProcStatus == ProcStatus.Complete);
    }

    public async Task<int> CountAsync<T>(Func<IQueryable<T>, IQueryable<T>>? filter = null) where T : class
    {
        await using var db = Factory.Create();
        IQueryable<T> q = db.Set<T>();
        if (filter is not null) q = filter(q);
        return await q.CountAsync();
    }

    public Task<string> DumpAsync() => TableDump.DumpAsync(Factory);

    private static void Chmod777(string path) => File.SetUnixFileMode(path, (UnixFileMode)0x1FF);

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        // Stop any job exec this bed left behind (a test that failed half-way).
        using (var pk = Process.Start(new ProcessStartInfo("pkill", ["-f", ConfigPath]) { UseShellExecute = false })) pk?.WaitForExit();
        await Db.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

/// <summary>A daemon host running inside the test process.</summary>
public sealed class InProcessDaemon(IHost host, Task run, DaemonExit exit, CancellationTokenSource cts) : IAsyncDisposable
{
    public Task Run => run;
    public int ExitCode => exit.Code;

    /// <summary>The host's services (its console's URL, for one).</summary>
    public IServiceProvider Services => host.Services;

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(run, Task.Delay(timeout));
        return done == run;
    }

    public async ValueTask DisposeAsync()
    {
        await cts.CancelAsync();
        try { await run.WaitAsync(TimeSpan.FromSeconds(40)); } catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
        host.Dispose();
        cts.Dispose();
    }
}
