using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Ingest;
using SatDaemon.Demo.Synthetic;
using SatDaemon.Database.Init;
using SatDaemon.Database.Jobs;
using SatDaemon.Database.Model;
using SatDaemon.Database.Providers;
using SatDaemon.Database.Queries;
using SatDaemon.Scheduling;

namespace SatDaemon.Bench;

/// <summary>One benchmark run on its own database: generate, then measure each figure of DESIGN §12.</summary>
public sealed class BenchRun(BenchOptions options, string url, string dir)
{
    private readonly BenchScale _s = options.Scale;
    private readonly ResultTable _table = new();
    private readonly SatDbFactory _factory = new(DatabaseUrl.Parse(url, dir));
    private SatDaemonConfig _config = null!;
    private int _exit;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var loadBefore = Host.LoadAverage();
        Log($"scale {_s.Name}: {_s.Frames} frames × {_s.Dates} dates, {_s.Machines} machines; {Host.Describe()}; load {loadBefore}");
        var cfgPath = Path.Combine(dir, "satdaemon.cfg");
        await File.WriteAllTextAsync(cfgPath, BenchConfig.Text(url, dir, _s.Machines), ct);
        _config = ConfigLoader.Parse(cfgPath, await File.ReadAllTextAsync(cfgPath, ct));

        var init = Stopwatch.StartNew();
        await new DatabaseInitializer(_factory).InitializeAsync(ct);
        Log($"schema in {Fmt.Ms(init.Elapsed.TotalMilliseconds)}");
        await using var conn = new NpgsqlConnection(_factory.Url.ConnectionString);
        await conn.OpenAsync(ct);
        // The floor gets the same session setting as JobListBuilder: no JIT (see docs/performance.md).
        await using (var jit = new NpgsqlCommand("SET jit = off", conn)) await jit.ExecuteNonQueryAsync(ct);
        var counts = await DataGenerator.GenerateAsync(conn, _s, ct);
        _table.Add("data generation (bulk SQL)", Fmt.Ms(counts.Elapsed.TotalMilliseconds),
            $"{Fmt.N(counts.Frames)} frames, {Fmt.N(counts.Ifg)} ifg, {Fmt.N(counts.RsarIfg)} rsar_ifg rows");
        Log($"generated in {Fmt.Ms(counts.Elapsed.TotalMilliseconds)}");

        var (eligible, rebuildMs) = await JobListAsync(ct);
        var daemon = BenchConfig.Daemon(_config, _factory);
        var plan = await SchedulingAsync(daemon, eligible, ct);
        MemoryRow();
        await ConsolePagesBench.RunAsync(_config, _factory, daemon, _s.Repeats, _table, ct);
        Log("console pages measured");
        await FloorAsync(conn, eligible, rebuildMs, ct);
        await IncrementalAsync(plan, ct);
        await ReportersAsync(plan, conn, ct);
        await IngestAsync(ct);

        Process.GetCurrentProcess().Refresh();
        _table.Add("bench process peak working set (whole run)", Fmt.MB(Process.GetCurrentProcess().PeakWorkingSet64),
            $"includes writing zips and {_s.Reporters} JobLoggers; not the daemon's figure");
        Console.WriteLine();
        Console.WriteLine($"SatDaemon benchmark, scale {_s.Name}: {_s.Frames} frames × {_s.Dates} dates, {_s.Machines} machines, PostgreSQL {conn.PostgreSqlVersion}");
        Console.WriteLine($"host: {Host.Describe()}; load average before {loadBefore}, after {Host.LoadAverage()}");
        Console.WriteLine();
        Console.Write(_table.ToText());
        if (options.Markdown is { } md) await File.WriteAllTextAsync(md, _table.ToMarkdown(), ct);
        return _exit;
    }

    private async Task<(int Eligible, double RebuildMs)> JobListAsync(CancellationToken ct)
    {
        var builder = new JobListBuilder(_factory);
        var cold = await builder.RebuildAsync(ct);
        _table.Add("job-list rebuild, first (inserts all)", Fmt.Ms(cold.Elapsed.TotalMilliseconds),
            $"{Fmt.N(cold.Eligible)} pending jobs; blocked: {string.Join(", ", cold.BlockedByReason.OrderByDescending(b => b.Value).Select(b => $"{Fmt.N(b.Value)} {b.Key}"))}");
        var steady = await Stats.RepeatAsync(_s.Repeats, () => builder.RebuildAsync(ct));
        _table.Add("job-list rebuild, nothing changed", Fmt.Ms(steady.MedianMs), $"median of {_s.Repeats}; added {steady.Last.Added}, removed {steady.Last.Removed}");
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var compute = await Stats.RepeatAsync(_s.Repeats, () => builder.RebuildAsync(ct, apply: false));
        var allocated = (GC.GetTotalAllocatedBytes(true) - alloc0) / _s.Repeats;
        _table.Add("job-list compute only (apply: false)", Fmt.Ms(compute.MedianMs), $"median of {_s.Repeats}; allocates {Fmt.MB(allocated)} per rebuild");
        Log($"job list: {cold.Eligible} pending, steady {Fmt.Ms(steady.MedianMs)}");
        return (cold.Eligible, steady.MedianMs);
    }

    private async Task FloorAsync(NpgsqlConnection conn, int eligible, double rebuildMs, CancellationToken ct)
    {
        var floor = await Stats.RepeatAsync(_s.Repeats, () => FloorQuery.RunAsync(conn, ct));
        _table.Add("floor: one hand-written SQL query", Fmt.Ms(floor.MedianMs), $"median of {_s.Repeats}; {Fmt.N(floor.Last.Rows.Count)} rows read");
        _table.Add("rebuild / floor", Fmt.X(rebuildMs / floor.MedianMs), "steady rebuild against the floor");
        var (onlyFloor, onlyPending) = await FloorQuery.CompareWithPendingAsync(conn, ct);
        var same = floor.Last.Rows.Count == eligible && onlyFloor == 0 && onlyPending == 0;
        _table.Add("same pending set (size and keys)", same ? "yes" : "NO",
            $"floor {Fmt.N(floor.Last.Rows.Count)}, rebuild {Fmt.N(eligible)}; keys only in floor {onlyFloor}, only in pending_jobs {onlyPending}");
        if (!same) _exit = 1;
    }

    private async Task<PlacementPlan> SchedulingAsync(ProcDaemon daemon, int eligible, CancellationToken ct)
    {
        var pass = await Stats.RepeatAsync(_s.Repeats, () => daemon.PlanAsync(ct));
        var plan = pass.Last!.Value.Plan;
        _table.Add("scheduling pass (ProcDaemon.PlanAsync)", Fmt.Ms(pass.MedianMs),
            $"median of {_s.Repeats}; reads {Fmt.N(eligible)} pending + running, plans on {_s.Machines} machines: {plan.Placements.Count} placed, {Fmt.N(plan.Waiting.Count)} wait");

        // The planner alone, on the same candidates the daemon builds.
        List<PendingJob> pending;
        await using (var db = _factory.Create()) pending = await db.PendingJobs.AsNoTracking().ToListAsync(ct);
        var candidates = pending.Select(p =>
        {
            var t = _config.JobType(p.JobType);
            return new JobCandidate(p.Id, p.FrameId, p.JobType, p.TargetTable, p.TargetId, p.Priority, p.StageRank, p.Date ?? DateOnly.MinValue,
                new Resources(t.Cpus, t.Memory, t.Disk), new DateTimeOffset(DateTime.SpecifyKind(p.QueuedAt, DateTimeKind.Utc)),
                $"{p.FrameId} {p.TargetTable} {p.Date:yyyy-MM-dd} {p.StageName}");
        }).ToList();
        var machines = _config.Machines.Select(m => new MachineState(m.Name, new Resources(m.Cpus, m.Memory, m.Disk), Resources.None, true, null)).ToList();
        var limits = _config.JobTypes.Values.Where(t => t.MaxRunning is not null).Select(t => new JobTypeLimit(t.Name, t.MaxRunning!.Value, 0)).ToList();
        var planner = new PlacementPlanner();
        var pure = await Stats.RepeatAsync(_s.Repeats, () => Task.FromResult(planner.Plan(candidates, machines, limits, DateTimeOffset.UtcNow, new PlannerOptions())));
        _table.Add("placement only (PlacementPlanner.Plan)", Fmt.Ms(pure.MedianMs), $"median of {_s.Repeats}; {Fmt.N(candidates.Count)} jobs × {_s.Machines} machines");
        Log($"plan: {Fmt.Ms(pass.MedianMs)}, planner {Fmt.Ms(pure.MedianMs)}");
        return plan;
    }

    private void MemoryRow()
    {
        GC.Collect();
        var p = Process.GetCurrentProcess();
        p.Refresh();
        var info = GC.GetGCMemoryInfo();
        _table.Add("daemon memory after rebuild + plan at scale", Fmt.MB(p.PeakWorkingSet64),
            $"peak working set; now {Fmt.MB(p.WorkingSet64)} working set, {Fmt.MB(GC.GetTotalMemory(false))} managed live, GC heap peak-ish {Fmt.MB(info.HeapSizeBytes)}");
    }

    /// <summary>Jobs in the order the plan would launch them: placed first, then waiting, each job once.</summary>
    private static IEnumerable<JobCandidate> PlanOrder(PlacementPlan plan) =>
        plan.Placements.Select(p => p.Job).Concat(plan.Waiting.Select(w => w.Job));

    private async Task<List<long>> ClaimAsync(JobStore store, IEnumerable<JobCandidate> jobs, int count, List<double> latencies, CancellationToken ct)
    {
        var ids = new List<long>();
        var i = 0;
        foreach (var c in jobs)
        {
            if (ids.Count == count) break;
            PendingJob? p;
            await using (var db = _factory.Create()) p = await db.PendingJobs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == c.PendingId, ct);
            if (p is null) continue;
            var t = _config.JobType(p.JobType);
            var w = Stopwatch.StartNew();
            var job = await store.ClaimAsync(p, BenchConfig.MachineName(1 + i++ % _s.Machines), t.Cpus, t.Memory, t.Disk, id => $"{dir}/logs/{id}.log", ct);
            latencies.Add(w.Elapsed.TotalMilliseconds);
            if (job is not null) ids.Add(job.Id);
        }
        return ids;
    }

    private async Task IncrementalAsync(PlacementPlan plan, CancellationToken ct)
    {
        var store = new JobStore(_factory);
        var claimMs = new List<double>();
        var ids = await ClaimAsync(store, PlanOrder(plan), 100, claimMs, ct);
        var successMs = new List<double>();
        foreach (var id in ids)
        {
            var w = Stopwatch.StartNew();
            await store.RecordSuccessAsync(id, ct);
            successMs.Add(w.Elapsed.TotalMilliseconds);
        }
        _table.Add($"claim + record success, {ids.Count} jobs one by one", Fmt.Ms(claimMs.Sum() + successMs.Sum()),
            $"per job: claim {Fmt.Ms(Stats.Median(claimMs))}, success {Fmt.Ms(Stats.Median(successMs))} (medians)");
        var after = await new JobListBuilder(_factory).RebuildAsync(ct);
        _table.Add($"incremental rebuild after {ids.Count} finished", Fmt.Ms(after.Elapsed.TotalMilliseconds),
            $"added {after.Added}, removed {after.Removed}, kept {Fmt.N(after.Kept)}");
    }

    private async Task ReportersAsync(PlacementPlan plan, NpgsqlConnection conn, CancellationToken ct)
    {
        var store = new JobStore(_factory);
        var ids = await ClaimAsync(store, PlanOrder(plan), _s.Reporters, [], ct);
        var loggers = ids.Select(id => new JobLogger(_config, id)).ToList();
        await RoundAsync(loggers, 0, ct); // warm-up: the pool opens its connections
        var all = new List<double>();
        var peak = 0;
        for (var r = 1; r <= 3; r++)
        {
            var (ms, p) = await RoundAsync(loggers, r, ct);
            all.AddRange(ms);
            peak = Math.Max(peak, p);
        }
        _table.Add($"JobLogger.ProgressAsync, {ids.Count} jobs at once", $"{Fmt.Ms(Stats.Median(all))} / {Fmt.Ms(Stats.Quantile(all, 0.99))}",
            $"median / p99 over 3 bursts, one process (shared pool, Max Pool Size {new NpgsqlConnectionStringBuilder(_factory.Url.ConnectionString).MaxPoolSize}); max {Fmt.Ms(all.Max())}");
        _table.Add("  database connections during the burst", peak.ToString(), "peak of pg_stat_activity on the bench database (all backends, sampled)");
        foreach (var l in loggers) await l.DisposeAsync();

        if (!options.PoolPerJob) return;
        await using (var cmd = new NpgsqlCommand("SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)", conn))
        {
            var free = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
            if (free < ids.Count + 20)
            {
                _table.Add("  one pool per job (as separate processes)", "skipped", $"only {free} free connections on the server for {ids.Count} jobs");
                return;
            }
        }
        // Each job its own pool, as each job exec process has: a distinct Application Name makes a distinct pool.
        var perJob = ids.Select(id =>
        {
            var u = url + (url.Contains('?') ? "&" : "?") + "ApplicationName=bench-job-" + id;
            var text = BenchConfig.Text(u, dir, _s.Machines);
            return new JobLogger(ConfigLoader.Parse(Path.Combine(dir, "job.cfg"), text), id);
        }).ToList();
        var (coldMs, coldPeak) = await RoundAsync(perJob, 10, ct);
        var (warmMs, warmPeak) = await RoundAsync(perJob, 11, ct);
        _table.Add($"  same, one pool per job: first report", $"{Fmt.Ms(Stats.Median(coldMs))} / {Fmt.Ms(Stats.Quantile(coldMs, 0.99))}",
            $"median / p99, each job opens its own connection; peak {coldPeak} connections");
        _table.Add($"  same, one pool per job: next report", $"{Fmt.Ms(Stats.Median(warmMs))} / {Fmt.Ms(Stats.Quantile(warmMs, 0.99))}",
            $"median / p99; peak {warmPeak} connections");
        foreach (var l in perJob) await l.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Every logger reports once, all released at the same moment; returns latencies and the peak connection count.</summary>
    private async Task<(List<double> Ms, int Peak)> RoundAsync(IReadOnlyList<JobLogger> loggers, int round, CancellationToken ct)
    {
        var sampler = new NpgsqlConnectionStringBuilder(_factory.Url.ConnectionString) { Pooling = false, ApplicationName = "bench-sampler" };
        await using var sc = new NpgsqlConnection(sampler.ConnectionString);
        await sc.OpenAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var peak = 0;
        var sampling = Task.Run(async () =>
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", sc);
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, (int)(long)(await cmd.ExecuteScalarAsync(CancellationToken.None))!);
                await Task.Delay(2, CancellationToken.None);
            }
        }, CancellationToken.None);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = loggers.Select(async l =>
        {
            await gate.Task;
            var w = Stopwatch.StartNew();
            await l.ProgressAsync(round * 10 % 100, $"bench round {round}", ct);
            return w.Elapsed.TotalMilliseconds;
        }).ToList();
        await Task.Delay(20, ct);
        gate.SetResult();
        var ms = (await Task.WhenAll(tasks)).ToList();
        await Task.Delay(20, ct);
        await stop.CancelAsync();
        await sampling;
        return (ms, peak);
    }

    private async Task IngestAsync(CancellationToken ct)
    {
        var templateZip = TemplateZip();
        var template = SafeTemplate.Load(templateZip);
        var data = Path.Combine(dir, "data");
        var track = Path.Combine(data, "T999");
        var write = Stopwatch.StartNew();
        // One swath (9 bursts), as the figure in docs/ingest-and-frames.md; written in parallel, not timed as ingest.
        Parallel.For(1, _s.Zips + 1, i => SyntheticSafeWriter.Write(template, track, new SyntheticSafeOptions { CycleShift = i, Swaths = ["IW2"] }));
        var writeMs = write.Elapsed.TotalMilliseconds;
        var w = Stopwatch.StartNew();
        var report = await new FileIngester(_factory).IngestAsync(data, ct: ct);
        var s = w.Elapsed.TotalSeconds;
        _table.Add($"ingest-files, {report.Found} generated zips", $"{Fmt.F(report.Added / s)} zips/s",
            $"{Fmt.Ms(s * 1000)} for {report.Added} added ({report.Rejected.Count} rejected, {report.NewBursts} bursts), {Environment.ProcessorCount} readers; writing them took {Fmt.Ms(writeMs)}; template {Path.GetFileName(templateZip)}");
        if (report.Added != _s.Zips) _exit = 1;
    }

    /// <summary>--template, else the real products of the test data ($SATDAEMON_TESTDATA or tests/testdata/s1), else the demo's.</summary>
    private string TemplateZip()
    {
        if (options.Template is { } t) return t;
        var dirs = new List<string>();
        if (Environment.GetEnvironmentVariable("SATDAEMON_TESTDATA") is { Length: > 0 } env) dirs.Add(env);
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (!File.Exists(Path.Combine(d.FullName, "SatDaemon.sln"))) continue;
            dirs.Add(Path.Combine(d.FullName, "tests", "testdata", "s1"));
            dirs.Add(Path.Combine(d.FullName, "SatDaemon.Demo", "template"));
            break;
        }
        foreach (var d in dirs.Where(Directory.Exists))
            if (Directory.GetFiles(d, "S1*.zip").Order(StringComparer.Ordinal).FirstOrDefault() is { } zip) return zip;
        throw new FileNotFoundException("no template product: give --template ZIP or set SATDAEMON_TESTDATA");
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
