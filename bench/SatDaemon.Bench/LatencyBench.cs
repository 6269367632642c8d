using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.Daemon;
using SatDaemon.Database.Init;
using SatDaemon.Database.Model;
using SatDaemon.Database.Providers;

namespace SatDaemon.Bench;

/// <summary>
/// Issue 18's two real-daemon rows. Each starts the built `satdaemon run` as its own process (with the built
/// satdaemon-tools for job exec) on a small database of its own, poll interval 60 s, so what is measured is the
/// wake-up (PostgreSQL NOTIFY), not the poll:
/// <list type="bullet">
/// <item>runnable → launched: one frame at a time is switched on (`ctl download FRAME on`, through the same
/// SatDaemonController ctl uses, in this process so the commit time is known); its one download job appends its own
/// clock (`date +%s.%N`) to a ledger as its first act. The figure is ledger time − commit time; the daemon's own
/// record (job_events "launched") is given beside it.</item>
/// <item>end to end: one frame of 5 dates, level full, its whole chain with every command `sleep 1`, on the two sshd
/// machines of the test services (SATDAEMON_TEST_SSH_*), from the frame being switched on to the last job's end as
/// the jobs' own ledger says.</item>
/// </list>
/// </summary>
internal sealed class LatencyBench(string serverUrl, int samples, bool keep)
{
    public sealed record Latency(int Samples, double P50Ms, double P99Ms, double MaxMs, double ClaimP50Ms, double ClaimP99Ms, bool Listening);

    public sealed record EndToEnd(int Jobs, double Seconds, int Machines, int Failed);

    /// <summary>The runnable → launched figures, or null with why (printed as "not measured").</summary>
    public async Task<(Latency? Figure, string Why)> RunnableToLaunchedAsync(CancellationToken ct)
    {
        await using var run = await Run.StartAsync(serverUrl, "wake", Path.GetTempPath(), keep, ct);
        var ledger = Path.Combine(run.Dir, "ledger");
        await run.WriteConfigAsync(
            Machines: """
                [PROC_MACHINES]
                names = m01
                [PROC_MACHINES:m01]
                transport = local
                host = localhost
                cpus = 64
                memory = 256
                disk = 100
                """,
            command: type => type == "download" ? $"sh -c \"echo {{frame}} $(date +%s.%N) >> {ledger}\"" : "true", ct);
        var frames = Enumerable.Range(0, samples).Select(i => $"{100 + i:000}A_WAKE_{i:000}").ToList();
        foreach (var f in frames) await run.AddFrameAsync(f, 1, ProcLevel.Off, ct);
        run.StartDaemon();
        if (!await run.WaitForListenerAsync(TimeSpan.FromSeconds(60), ct))
            return (null, "the daemon did not listen within 60 s: " + run.LastOutput());

        var controller = new SatDaemonController(run.Factory);
        var commits = new Dictionary<string, DateTime>();
        var random = new Random(18);
        foreach (var frame in frames)
        {
            // A pause, so each change finds the daemon waiting between passes, as a change does in operation.
            await Task.Delay(TimeSpan.FromMilliseconds(100 + random.Next(200)), ct);
            await controller.SetDownloadAsync(frame, true, ct);
            commits[frame] = DateTime.UtcNow;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!ReadLedger(ledger).ContainsKey(frame))
            {
                if (DateTime.UtcNow > deadline) return (null, $"{frame}'s job did not start within 30 s (poll 60 s): {run.LastOutput()}");
                await Task.Delay(5, ct);
            }
        }
        var started = ReadLedger(ledger);
        var ms = frames.Select(f => (started[f] - commits[f]).TotalMilliseconds).ToList();
        var claims = await run.ClaimTimesAsync(ct);
        var claimMs = frames.Where(claims.ContainsKey).Select(f => (claims[f] - commits[f]).TotalMilliseconds).ToList();
        // The spread, in sample order, for whoever reads the log: an outlier shows whether it is one slow pass or many.
        Console.Error.WriteLine("runnable → launched, ms (the daemon's record / the job's own line), in order: "
            + string.Join(" ", frames.Where(claims.ContainsKey).Select(f => $"{(claims[f] - commits[f]).TotalMilliseconds:0}/{(started[f] - commits[f]).TotalMilliseconds:0}")));
        var listening = await run.ListenerCountAsync(ct) > 0;
        return (new Latency(ms.Count, Stats.Median(ms), Stats.Quantile(ms, 0.99), ms.Max(), Stats.Median(claimMs), Stats.Quantile(claimMs, 0.99), listening), "");
    }

    /// <summary>The end-to-end run, or null with why ("no sshd" when the test services' ssh environment is absent).</summary>
    public async Task<(EndToEnd? Figure, string Why)> OneFrameOnSshAsync(CancellationToken ct)
    {
        var key = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_KEY");
        var knownHosts = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_KNOWN_HOSTS");
        var ports = (Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_PORTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var scratch = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SCRATCH");
        if (key is null || !File.Exists(key) || knownHosts is null || ports.Length < 2 || scratch is null || !Directory.Exists(scratch))
            return (null, "no sshd (SATDAEMON_TEST_SSH_* not set: source .services/services.env)");
        var host = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_HOST") ?? "127.0.0.1";
        var user = Environment.GetEnvironmentVariable("SATDAEMON_TEST_SSH_USER") ?? "satjobs";

        // In the services' scratch folder (mode 1777): the ssh user writes the logs, outputs and ledger there.
        await using var run = await Run.StartAsync(serverUrl, "e2e", scratch, keep, ct);
        var ledger = Path.Combine(run.Dir, "ledger");
        var machines = new StringBuilder();
        machines.AppendLine("[PROC_MACHINES]");
        machines.AppendLine("names = ssh1, ssh2");
        for (var i = 0; i < 2; i++)
        {
            machines.AppendLine($"[PROC_MACHINES:ssh{i + 1}]");
            machines.AppendLine("transport = ssh");
            machines.AppendLine($"host = {host}");
            machines.AppendLine($"port = {ports[i]}");
            machines.AppendLine($"user = {user}");
            machines.AppendLine($"key_file = {key}");
            machines.AppendLine($"known_hosts = {knownHosts}");
            machines.AppendLine("cpus = 16");
            machines.AppendLine("memory = 64");
            machines.AppendLine("disk = 100");
        }
        // Each job records its own start and end; "sleep 1" is the work.
        await run.WriteConfigAsync(machines.ToString(),
            type => $"sh -c \"echo {type} start $(date +%s.%N) >> {ledger} && sleep 1 && echo {type} end $(date +%s.%N) >> {ledger}\"", ct);
        const string frame = "001A_END_TO_END";
        await run.AddFrameAsync(frame, 5, ProcLevel.Off, ct);
        var expected = await run.ExpectedJobsAsync(frame, ct);
        run.StartDaemon();
        if (!await run.WaitForListenerAsync(TimeSpan.FromSeconds(60), ct))
            return (null, "the daemon did not listen within 60 s: " + run.LastOutput());

        await new SatDaemonController(run.Factory).SetFullProcAsync(frame, true, ct);
        var from = DateTime.UtcNow;
        var deadline = from + TimeSpan.FromMinutes(5);
        while (!await run.FrameCompleteAsync(frame, ct))
        {
            if (DateTime.UtcNow > deadline) return (null, $"the chain did not complete within 5 min: {run.LastOutput()}");
            await Task.Delay(100, ct);
        }
        var lines = File.ReadAllLines(ledger).Select(l => l.Split(' ')).Where(p => p.Length == 3).ToList();
        var ends = lines.Where(p => p[1] == "end").Select(p => Unix(p[2])).ToList();
        var jobs = lines.Count(p => p[1] == "start");
        var failed = await run.FailedCountAsync(ct);
        if (ends.Count == 0) return (null, "no job ended");
        if (jobs != expected) Console.Error.WriteLine($"end to end: {jobs} job starts in the ledger, {expected} expected from the frame's rows");
        return (new EndToEnd(jobs, (ends.Max() - from).TotalSeconds, 2, failed), "");
    }

    private static Dictionary<string, DateTime> ReadLedger(string path)
    {
        var result = new Dictionary<string, DateTime>();
        if (!File.Exists(path)) return result;
        foreach (var line in File.ReadAllLines(path))
            if (line.Split(' ') is [var frame, var time]) result.TryAdd(frame, Unix(time));
        return result;
    }

    private static DateTime Unix(string seconds) =>
        DateTime.UnixEpoch.AddTicks((long)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));

    /// <summary>One database, folder, config and daemon process; all removed on dispose.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly string _name;
        private readonly string _url;
        private readonly bool _keep;
        private readonly List<string> _output = [];
        private Process? _daemon;

        private Run(string name, string url, string dir, bool keep)
        {
            _name = name;
            _keep = keep;
            _url = url;
            Dir = dir;
            Factory = new SatDbFactory(DatabaseUrl.Parse(url, dir));
        }

        public string Dir { get; }
        public SatDbFactory Factory { get; }
        private string ConfigPath => Path.Combine(Dir, "satdaemon.cfg");

        /// <param name="keep">Keep the database and folder at the end (the bench's --keep), for a look at job_events and the ledger.</param>
        public static async Task<Run> StartAsync(string serverUrl, string what, string parent, bool keep, CancellationToken ct)
        {
            var name = $"satdaemon_bench_{what}_{Environment.ProcessId}_{Random.Shared.Next(1000, 9999)}";
            var url = new UriBuilder(serverUrl) { Path = "/" + name }.Uri.ToString();
            var dir = Path.Combine(parent, name);
            Directory.CreateDirectory(Path.Combine(dir, "proc"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
                File.SetUnixFileMode(Path.Combine(dir, "proc"), (UnixFileMode)0x1FF);
            }
            var run = new Run(name, url, dir, keep);
            await new DatabaseInitializer(run.Factory).InitializeAsync(ct);
            return run;
        }

        public Task WriteConfigAsync(string Machines, Func<string, string> command, CancellationToken ct)
        {
            // Poll 60 s: a pass within it comes from the wake-up, not from the poll.
            var sb = BenchConfig.Parameters(_url, Dir, BenchBinaries.Tools, 60, 3);
            sb.AppendLine(Machines);
            foreach (var (type, _, _, _, _) in BenchConfig.JobTypes)
            {
                sb.AppendLine($"[JOB:{type}]");
                sb.AppendLine("cpus = 1");
                sb.AppendLine("memory = 1");
                sb.AppendLine("disk = 1");
                sb.AppendLine($"command = {command(type)}");
                sb.AppendLine("outputs = {frame_dir}");
            }
            return File.WriteAllTextAsync(ConfigPath, sb.ToString(), ct);
        }

        /// <summary>A frame with a master and <paramref name="dates"/> − 1 ifg dates 12 days apart, rsar pairs to the next 3.</summary>
        public async Task AddFrameAsync(string id, int dates, ProcLevel level, CancellationToken ct)
        {
            var all = Enumerable.Range(0, dates).Select(i => new DateOnly(2020, 1, 1).AddDays(12 * i)).ToList();
            var now = DateTime.UtcNow;
            await using var db = Factory.Create();
            db.Frames.Add(new Frame
            {
                Id = id, Track = int.Parse(id[..3], CultureInfo.InvariantCulture), OrbitDirection = id[3..4], ProcLevel = level, MasterDate = all[0], LastUpdated = now,
            });
            db.Master.Add(new MasterRow { FrameId = id, Date = all[0], CreatedAt = now, UpdatedAt = now });
            foreach (var d in all.Skip(1)) db.Ifg.Add(new IfgRow { FrameId = id, Date = d, CreatedAt = now, UpdatedAt = now });
            for (var i = 0; i < all.Count; i++)
                for (var j = i + 1; j <= Math.Min(i + 3, all.Count - 1); j++)
                    db.RsarIfg.Add(new RsarIfgRow { FrameId = id, Date1 = all[i], Date2 = all[j], CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(ct);
        }

        /// <summary>Stages per row kind × rows, plus the frame's own stages: what the whole chain must run.</summary>
        public async Task<int> ExpectedJobsAsync(string frame, CancellationToken ct)
        {
            await using var db = Factory.Create();
            return await db.MasterProcStages.CountAsync(ct) * await db.Master.CountAsync(r => r.FrameId == frame, ct)
                   + await db.IfgProcStages.CountAsync(ct) * await db.Ifg.CountAsync(r => r.FrameId == frame, ct)
                   + await db.RsarIfgProcStages.CountAsync(ct) * await db.RsarIfg.CountAsync(r => r.FrameId == frame, ct)
                   + await db.FrameProcStages.CountAsync(ct);
        }

        public void StartDaemon()
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(BenchBinaries.Daemon);
            psi.ArgumentList.Add("run");
            psi.ArgumentList.Add("-d");
            psi.ArgumentList.Add(ConfigPath);
            psi.Environment["SATDAEMON_CONFIG"] = null;
            _daemon = Process.Start(psi) ?? throw new InvalidOperationException("could not start satdaemon");
            _daemon.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
            _daemon.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
            _daemon.BeginOutputReadLine();
            _daemon.BeginErrorReadLine();
        }

        public string LastOutput()
        {
            lock (_output) return string.Join(" | ", _output.TakeLast(5));
        }

        public async Task<bool> WaitForListenerAsync(TimeSpan timeout, CancellationToken ct)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (_daemon is { HasExited: true }) return false;
                if (await ListenerCountAsync(ct) > 0) return true;
                await Task.Delay(100, ct);
            }
            return false;
        }

        public async Task<int> ListenerCountAsync(CancellationToken ct)
        {
            await using var db = Factory.Create();
            return await db.Database.SqlQuery<int>(
                    $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND application_name = {PassWakeup.ApplicationName}")
                .SingleAsync(ct);
        }

        /// <summary>When the daemon launched each frame's job, by its own record (job_events "launched"; the running row is gone by now).</summary>
        public async Task<Dictionary<string, DateTime>> ClaimTimesAsync(CancellationToken ct)
        {
            await using var db = Factory.Create();
            var launched = await db.JobEvents.AsNoTracking().Where(e => e.Kind == JobEventKinds.Launched && e.FrameId != null)
                .Select(e => new { e.FrameId, e.Time }).ToListAsync(ct);
            return launched.GroupBy(e => e.FrameId!).ToDictionary(g => g.Key, g => DateTime.SpecifyKind(g.Min(e => e.Time), DateTimeKind.Utc));
        }

        public async Task<bool> FrameCompleteAsync(string frame, CancellationToken ct)
        {
            await using var db = Factory.Create();
            return await db.Frames.AnyAsync(f => f.Id == frame && f.TsStatus == ProcStatus.Complete && f.TsStage == 2, ct)
                   && !await db.RunningJobs.AnyAsync(ct);
        }

        public async Task<int> FailedCountAsync(CancellationToken ct)
        {
            await using var db = Factory.Create();
            return await db.FailedJobs.CountAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_daemon is { HasExited: false })
            {
                // SIGTERM: the daemon records its stop; jobs here are done or instant.
                using (var term = Process.Start("kill", ["-TERM", _daemon.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _daemon.WaitForExitAsync(bound.Token); }
                catch (OperationCanceledException) { _daemon.Kill(entireProcessTree: true); }
            }
            _daemon?.Dispose();
            if (_keep)
            {
                Console.Error.WriteLine($"kept database {_name} and folder {Dir}");
                return;
            }
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(Factory.Url.ConnectionString) { Database = "postgres", Pooling = false };
            try
            {
                await using var conn = new NpgsqlConnection(admin.ConnectionString);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"satdaemon-bench: could not drop database {_name}: {e.Message}");
            }
            try { Directory.Delete(Dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }
}
