using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SatDaemon.Configuration;
using SatDaemon.Control;
using SatDaemon.Control.Teams;
using SatDaemon.Database;
using SatDaemon.Database.Daemon;
using SatDaemon.Hosting;
using SatDaemon.Machines;

namespace SatDaemon.Bench;

/// <summary>
/// Issue 18's launch and reconcile rows, on the bench database after everything else (they move pending jobs to running):
/// the real <see cref="ProcDaemon"/> with machines of its own names (so the rows the other measurements left on m01…
/// are not theirs), and in place of satdaemon-tools a stand-in script that takes job exec's arguments: the daemon's
/// side of a launch is measured (claim, command line, shell, pid, record), not the start-up of a .NET job exec, which
/// is the machine's cost, not the daemon's.
/// </summary>
internal sealed class LaunchBench(SatDbFactory factory, string url, string dir, ResultTable table)
{
    public const int LaunchMachines = 40;

    /// <summary>
    /// One real pass on <see cref="LaunchMachines"/> machines with `transport = local` (each launch is a real /bin/sh on
    /// this host, as over SSH on a remote one), jobs whose job exec exits at once. Timed from the pass's start to the
    /// last "launched" log line. Returns (launches, launches per second from the pass start, ms).
    /// </summary>
    /// <param name="prefix">The machines' names: a second run on other names finds its machines empty.</param>
    public async Task<(int Launched, double PerSecond, double Ms, double PhasePerSecond)> LaunchesAsync(string prefix, int parallel, CancellationToken ct)
    {
        var standIn = StandIn(dir, "launch-job-exec.sh", "exit 0");
        var config = Config(prefix, LaunchMachines, parallel, standIn, i => "transport = local\nhost = localhost\n", cpus: 32, memory: 128);
        var log = new LaunchClock();
        await using var daemon = Daemon(config, log);
        var start = DateTime.UtcNow;
        var w = Stopwatch.StartNew();
        var result = await daemon.Daemon.RunPassAsync(ct);
        var passMs = w.Elapsed.TotalMilliseconds;
        var untilLast = Math.Max(1, log.Last is { } last ? (last - start).TotalMilliseconds : passMs);
        var phase = log.First is { } f && log.Last is { } l && l > f ? (l - f).TotalMilliseconds : untilLast;
        table.Add($"launch pass, {LaunchMachines} local machines, parallel_machines {parallel}", Fmt.Ms(untilLast),
            $"{result.Launched} launched, {Fmt.F(result.Launched / (untilLast / 1000))}/s from the pass start to the last launch "
            + $"(pass {Fmt.Ms(passMs)}, incl. the first reconcile and a full job-list rebuild); launches alone, first to last: "
            + $"{Fmt.Ms(phase)}, {Fmt.F(result.Launched / (phase / 1000))}/s");
        return (result.Launched, result.Launched / (untilLast / 1000), untilLast, result.Launched / (phase / 1000));
    }

    /// <summary>
    /// The reconcile on loopback sshd: <paramref name="machines"/> machine names spread over the test sshd ports (each
    /// its own SSH connection), jobs launched on them by a real pass; the stand-in job exec sleeps for odd job ids and
    /// exits at once for even ones (ended, no report: in doubt for the launch grace, so passes change nothing and can be
    /// repeated). Then every machine is drained (nothing more launches) and passes are timed: each reconciles every
    /// machine. Returns (machines, jobs, gone, ms per machine with the configured parallelism, ms per machine one at a time).
    /// </summary>
    public async Task<(int Machines, int Jobs, int Gone, double MsPerMachine, double SerialMsPerMachine)?> ReconcileAsync(int machines, int parallel, CancellationToken ct)
    {
        var ports = (Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_PORTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var key = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_KEY");
        var known = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_KNOWN_HOSTS");
        var user = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_USER");
        var scratch = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SCRATCH");
        if (ports.Length == 0 || key is null || known is null || user is null || scratch is null) return null;
        var host = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_HOST") ?? "127.0.0.1";
        // Under the services' scratch folder (mode 1777): the ssh user writes the logs there.
        var work = Directory.CreateDirectory(Path.Combine(scratch, "bench-reconcile-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        Chmod(work, (UnixFileMode)0x3FF);
        try
        {
            var standIn = StandIn(work, "reconcile-job-exec.sh",
                "id=; while [ $# -gt 0 ]; do [ \"$1\" = --job-id ] && id=$2; shift; done\ncase $id in *[02468]) exit 0 ;; esac\nsleep 600");
            string Machine(int i) => $"transport = ssh\nhost = {host}\nport = {ports[i % ports.Length]}\nuser = {user}\nkey_file = {key}\nknown_hosts = {known}\n";
            var config = Config("r", machines, parallel, standIn, Machine, cpus: 8, memory: 32, procDir: Path.Combine(work, "proc"));
            Directory.CreateDirectory(Path.Combine(work, "proc"));
            Chmod(Path.Combine(work, "proc"), (UnixFileMode)0x3FF);
            await using var daemon = Daemon(config, new LaunchClock(), Patient);
            var launched = await daemon.Daemon.RunPassAsync(ct);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct); // the even ones end
                var ctl = new SatDaemonController(factory);
                foreach (var m in config.Machines) await ctl.DrainMachineAsync(m.Name, config.Machines, "bench", ct);
                await daemon.Daemon.RunPassAsync(ct); // takes the drains in (rebuild)
                var parallelRun = await Stats.RepeatAsync(5, () => daemon.Daemon.RunPassAsync(ct));
                // The same machines read one at a time, for comparison.
                var serialConfig = Config("r", machines, 1, standIn, Machine, cpus: 8, memory: 32, procDir: Path.Combine(work, "proc"));
                await using var serial = Daemon(serialConfig, new LaunchClock(), Patient);
                await serial.Daemon.RunPassAsync(ct); // its first pass asks every machine once
                var serialRun = await Stats.RepeatAsync(5, () => serial.Daemon.RunPassAsync(ct));
                foreach (var m in config.Machines) await ctl.ResumeMachineAsync(m.Name, config.Machines, ct);
                var (jobs, gone) = await CountAsync(daemon.Machines, ct);
                table.Add($"daemon pass reconciling {machines} sshd machines, parallel_machines {parallel}", Fmt.Ms(parallelRun.MedianMs),
                    $"median of 5; {jobs} jobs on them ({gone} gone, their spool and log read in the same command); "
                    + $"{Fmt.Ms(parallelRun.MedianMs / machines)} per machine; one machine at a time: {Fmt.Ms(serialRun.MedianMs)} ({Fmt.Ms(serialRun.MedianMs / machines)} per machine); launched {launched.Launched} in the first pass");
                return (machines, jobs, gone, parallelRun.MedianMs / machines, serialRun.MedianMs / machines);
            }
            finally
            {
                await KillStandInsAsync(daemon.Machines, CancellationToken.None);
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Running jobs on the bench's reconcile machines, and how many of them have no live stand-in.</summary>
    private async Task<(int Jobs, int Gone)> CountAsync(IReadOnlyList<ProcMachine> machines, CancellationToken ct)
    {
        var names = machines.Select(m => m.Name).ToList();
        await using var db = factory.Create();
        var ids = await db.RunningJobs.Where(j => names.Contains(j.Machine)).Select(j => j.Id).ToListAsync(ct);
        return (ids.Count, ids.Count(id => id % 2 == 0));
    }

    /// <summary>SIGKILL to the session of each stand-in still sleeping (the sessions this bench started, by their pid).</summary>
    private async Task KillStandInsAsync(IReadOnlyList<ProcMachine> machines, CancellationToken ct)
    {
        var byName = machines.ToDictionary(m => m.Name);
        await using var db = factory.Create();
        var rows = await db.RunningJobs.Where(j => j.Pid != null).Select(j => new { j.Machine, j.Pid }).ToListAsync(ct);
        foreach (var r in rows)
            if (byName.TryGetValue(r.Machine, out var m))
                try { await m.SignalSessionAsync(r.Pid!.Value, "KILL", ct); }
                catch (MachineUnavailableException) { }
    }

    // The daemon and its machines are Linux; the guard only tells the analyser so.
    private static void Chmod(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    private static string StandIn(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n# satdaemon-bench stand-in for satdaemon-tools: takes `job exec` arguments\n" + body + "\n");
        Chmod(path, (UnixFileMode)0x1ED); // 755: the ssh user runs it
        return path;
    }

    private SatDaemonConfig Config(string prefix, int machines, int parallel, string tools, Func<int, string> machine, int cpus, int memory, string? procDir = null)
    {
        var names = Enumerable.Range(1, machines).Select(i => $"{prefix}{i:00}").ToList();
        var sb = BenchConfig.Parameters(url, dir, tools, 30, DataGenerator.RsarConnections, procDir, parallel);
        sb.AppendLine("[PROC_MACHINES]");
        sb.AppendLine("names = " + string.Join(", ", names));
        for (var i = 0; i < machines; i++)
        {
            sb.AppendLine($"[PROC_MACHINES:{names[i]}]");
            sb.Append(machine(i));
            sb.AppendLine($"cpus = {cpus}");
            sb.AppendLine($"memory = {memory}");
            sb.AppendLine("disk = 100");
        }
        foreach (var (type, c, mem, disk, max) in BenchConfig.JobTypes)
        {
            sb.AppendLine($"[JOB:{type}]");
            sb.AppendLine($"cpus = {c}");
            sb.AppendLine($"memory = {mem.ToString(CultureInfo.InvariantCulture)}");
            sb.AppendLine($"disk = {disk}");
            sb.AppendLine("command = /bin/true {frame} {job_id}");
            sb.AppendLine("outputs = {frame_dir}/done");
            if (max is { } m) sb.AppendLine($"max_running = {m}");
        }
        var path = Path.Combine(dir, $"{prefix}-{parallel}.cfg");
        File.WriteAllText(path, sb.ToString());
        return ConfigLoader.Parse(path, sb.ToString());
    }

    // Ended stand-ins never reported: within the launch grace they stay "in doubt", so repeated passes change nothing.
    private static readonly DaemonOptions Patient = new() { LaunchGrace = TimeSpan.FromMinutes(10) };

    private BenchDaemon Daemon(SatDaemonConfig config, LaunchClock log, DaemonOptions? options = null)
    {
        var machines = config.Machines.Select(m => ProcMachine.Create(m, TimeProvider.System)).ToList();
        var daemon = new ProcDaemon(config, new DaemonStore(factory, TimeProvider.System), machines, new NoTeams(), log, TimeProvider.System, options ?? new DaemonOptions());
        return new BenchDaemon(daemon, machines);
    }

    private sealed record BenchDaemon(ProcDaemon Daemon, List<ProcMachine> Machines) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var m in Machines) await m.DisposeAsync();
        }
    }

    /// <summary>The daemon's log as a clock: when the first and the last "launched job" lines (event 1040) were written.</summary>
    private sealed class LaunchClock : ILogger<ProcDaemon>
    {
        private readonly Lock _gate = new();
        public DateTime? First { get; private set; }
        public DateTime? Last { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != 1040) return;
            var now = DateTime.UtcNow;
            lock (_gate)
            {
                First ??= now;
                Last = now;
            }
        }
    }

    private sealed class NoTeams : ITeamsNotifier
    {
        public bool TryEnqueue(TeamsMessage message) => true;
        public Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
