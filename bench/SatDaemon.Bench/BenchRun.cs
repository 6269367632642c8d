using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Configuration;
using SatDaemon.Database.Ingest;
using SatDaemon.Demo.Synthetic;
using SatDaemon.Database.Daemon;
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
    private readonly AimTable _aims = new();
    /// <summary>Issue 27's page aims, one row per console page: printed after issue 18's (alone with --console-only).</summary>
    private readonly AimTable _consoleAims = new();
    private readonly Figures _fig = new();
    private List<JobCandidate> _candidates = [];
    private List<JobTypeLimit> _limits = [];
    // The daemon plans every pass, so in steady state its planner runs fully optimized code. Tiered compilation gets there
    // only after some tens of plans: after 3 warm-ups a plan of 10^4 jobs still took ~40 ms of CPU against ~6 ms steady
    // (issue 32, docs/performance.md), so the planner rows warm up with 30.
    private const int WarmUps = 30, PlanRepeats = 7;
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
        var history = await ConsoleHistoryGenerator.GenerateAsync(conn, _s.Machines, ct);
        _table.Add("console history generation (bulk SQL)", Fmt.Ms(history.Elapsed.TotalMilliseconds),
            $"{Fmt.N(history.Running)} running, {Fmt.N(history.Failed)} failed jobs, {Fmt.N(history.Events)} job events over {ConsoleHistoryGenerator.Days} days, {Fmt.N(history.Samples)} trend samples");

        var (eligible, rebuildMs) = await JobListAsync(ct);
        var daemon = BenchConfig.Daemon(_config, _factory);
        var plan = await SchedulingAsync(daemon, eligible, ct);
        MemoryRow();
        await LargerPlacementsAsync();
        if (!options.Quick)
        {
            await ConsolePagesBench.RunAsync(_config, _factory, daemon, _s.Repeats, _table, _consoleAims, eligible, ct);
            Log("console pages measured");
        }
        if (options.ConsoleOnly)
        {
            Console.WriteLine();
            Console.WriteLine($"SatDaemon benchmark, console rows, scale {_s.Name}: {_s.Frames} frames × {_s.Dates} dates, {_s.Machines} machines, PostgreSQL {conn.PostgreSqlVersion}");
            Console.WriteLine($"host: {Host.Describe()}; load average before {loadBefore}, after {Host.LoadAverage()}");
            Console.WriteLine();
            Console.Write(_table.ToText());
            Console.WriteLine();
            Console.WriteLine("Issue 27's console aims (ratio = measured ÷ aim, the worst part; ≤ 1 is met):");
            Console.Write(_consoleAims.ToText());
            if (options.Markdown is { } cmd) await File.WriteAllTextAsync(cmd, _table.ToMarkdown() + Environment.NewLine + _consoleAims.ToMarkdown(), ct);
            return _exit;
        }
        await FloorAsync(conn, eligible, rebuildMs, ct);
        await QuietPassAsync(conn, ct);
        await IncrementalAsync(plan, conn, ct);
        if (!options.Quick)
        {
            await ReportersAsync(plan, conn, ct);
            await IngestAsync(ct);
        }
        if (!options.Quick && !options.NoDaemon) await DaemonMemoryAsync(cfgPath, ct);
        if (!options.Quick) await LaunchAndReconcileAsync(ct);
        if (options.JobExec is { } jobExecs)
        {
            _fig.JobExec = await new ReportersBench(_factory, _config, cfgPath, dir, _table).RunAsync(jobExecs, ct);
            Log("job exec reporters measured");
        }
        await WrapperStartAsync(cfgPath, ct);
        if (!options.Quick && !options.NoDaemon) await RealDaemonAsync(ct);

        Process.GetCurrentProcess().Refresh();
        _table.Add("bench process peak working set (whole run)", Fmt.MB(Process.GetCurrentProcess().PeakWorkingSet64),
            $"includes writing zips and {_s.Reporters} JobLoggers; not the daemon's figure");
        Console.WriteLine();
        Console.WriteLine($"SatDaemon benchmark, scale {_s.Name}: {_s.Frames} frames × {_s.Dates} dates, {_s.Machines} machines, PostgreSQL {conn.PostgreSqlVersion}");
        Console.WriteLine($"host: {Host.Describe()}; load average before {loadBefore}, after {Host.LoadAverage()}");
        Console.WriteLine();
        Console.Write(_table.ToText());
        Console.WriteLine();
        AddAims();
        Console.WriteLine("Issue 18's aims (ratio = measured ÷ aim, or aim ÷ measured for rates; ≤ 1 is met):");
        Console.Write(_aims.ToText());
        if (_consoleAims.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Issue 27's console aims (ratio = measured ÷ aim, the worst part; ≤ 1 is met):");
            Console.Write(_consoleAims.ToText());
        }
        if (options.Markdown is { } md)
            await File.WriteAllTextAsync(md, _table.ToMarkdown() + Environment.NewLine + _aims.ToMarkdown() +
                (_consoleAims.Count > 0 ? Environment.NewLine + _consoleAims.ToMarkdown() : ""), ct);
        return _exit;
    }

    private async Task<(int Eligible, double RebuildMs)> JobListAsync(CancellationToken ct)
    {
        var builder = new JobListBuilder(_factory);
        var cold = await builder.RebuildAsync(ct);
        _table.Add("job-list rebuild, first (inserts all)", Fmt.Ms(cold.Elapsed.TotalMilliseconds),
            $"{Fmt.N(cold.Eligible)} pending jobs; blocked: {string.Join(", ", cold.BlockedByReason.OrderByDescending(b => b.Value).Select(b => $"{Fmt.N(b.Value)} {b.Key}"))}");
        _fig.FirstRebuildMs = cold.Elapsed.TotalMilliseconds;
        var steady = await Stats.RepeatAsync(_s.Repeats, () => builder.RebuildAsync(ct));
        _table.Add("job-list rebuild, nothing changed", Fmt.Ms(steady.MedianMs), $"median of {_s.Repeats}; added {steady.Last.Added}, removed {steady.Last.Removed}");
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var compute = await Stats.RepeatAsync(_s.Repeats, () => builder.RebuildAsync(ct, apply: false));
        var allocated = (GC.GetTotalAllocatedBytes(true) - alloc0) / _s.Repeats;
        _table.Add("job-list compute only (apply: false)", Fmt.Ms(compute.MedianMs), $"median of {_s.Repeats}; allocates {Fmt.MB(allocated)} per rebuild");
        // The first rebuild above also pays for the process's first EF queries; this one only for inserting every row.
        await using (var db = _factory.Create()) await db.PendingJobs.ExecuteDeleteAsync(ct);
        var refill = await builder.RebuildAsync(ct);
        _table.Add("job-list rebuild into an empty pending_jobs, warm", Fmt.Ms(refill.Elapsed.TotalMilliseconds),
            $"after deleting every pending row (as after a power-down); added {Fmt.N(refill.Added)}");
        _fig.RefillMs = refill.Elapsed.TotalMilliseconds;
        Log($"job list: {cold.Eligible} pending, steady {Fmt.Ms(steady.MedianMs)}");
        return (cold.Eligible, steady.MedianMs);
    }

    private async Task FloorAsync(NpgsqlConnection conn, int eligible, double rebuildMs, CancellationToken ct)
    {
        var floor = await Stats.RepeatAsync(_s.Repeats, () => FloorQuery.RunAsync(conn, ct));
        _table.Add("floor: one hand-written SQL query", Fmt.Ms(floor.MedianMs), $"median of {_s.Repeats}; {Fmt.N(floor.Last.Rows.Count)} rows read");
        _table.Add("rebuild / floor", Fmt.X(rebuildMs / floor.MedianMs), "steady rebuild against the floor");
        _fig.RebuildMs = rebuildMs;
        _fig.FloorMs = floor.MedianMs;
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
        _fig.PlanAsyncMs = pass.MedianMs;
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
        // The daemon plans every pass, so its planner runs JIT-compiled and warm; the first plan of a process is shown apart.
        var cold = await Stats.RepeatAsync(1, () => Task.FromResult(planner.Plan(candidates, machines, limits, DateTimeOffset.UtcNow, new PlannerOptions())));
        await Stats.RepeatAsync(WarmUps, () => Task.FromResult(planner.Plan(candidates, machines, limits, DateTimeOffset.UtcNow, new PlannerOptions())));
        var cpu = CpuClock.Start();
        var pure = await Stats.RepeatAsync(PlanRepeats, () => Task.FromResult(planner.Plan(candidates, machines, limits, DateTimeOffset.UtcNow, new PlannerOptions())));
        _table.Add("placement only (PlacementPlanner.Plan)", Fmt.Ms(pure.MedianMs),
            $"median of {PlanRepeats} after {WarmUps} warm-up plans (first plan of the process {Fmt.Ms(cold.MedianMs)}); {Fmt.N(candidates.Count)} jobs × {_s.Machines} machines; {pure.Last.Placements.Count} placed; {cpu.PerRun(PlanRepeats)}");
        _fig.PlacementMs = pure.MedianMs;
        _fig.PlacementJobs = candidates.Count;
        _candidates = candidates;
        _limits = limits;
        Log($"plan: {Fmt.Ms(pass.MedianMs)}, planner {Fmt.Ms(pure.MedianMs)}");
        return plan;
    }

    /// <summary>
    /// Larger queues than the database holds, for the planner alone: the same candidates copied under new ids (each copy
    /// keeps its frame, type and queue time), on 200 machines of the bench's two sizes. Run after the memory row, whose
    /// figure is the daemon's work at this database's scale.
    /// </summary>
    private async Task LargerPlacementsAsync()
    {
        var candidates = _candidates;
        var big = BenchConfig.MachineStates(200);
        var planner = new PlacementPlanner();
        foreach (var copies in new[] { 3, 10 })
        {
            var many = Enumerable.Range(0, copies).SelectMany(k => candidates.Select(c => c with { PendingId = c.PendingId + k * 10_000_000L })).ToList();
            await Stats.RepeatAsync(WarmUps, () => Task.FromResult(planner.Plan(many, big, _limits, DateTimeOffset.UtcNow, new PlannerOptions())));
            var cpu = CpuClock.Start();
            var t = await Stats.RepeatAsync(PlanRepeats, () => Task.FromResult(planner.Plan(many, big, _limits, DateTimeOffset.UtcNow, new PlannerOptions())));
            _table.Add($"placement only, {Fmt.N(many.Count)} jobs × 200 machines", Fmt.Ms(t.MedianMs),
                $"median of {PlanRepeats} after {WarmUps} warm-ups; the candidates above copied {copies}× under new ids (planner alone, no database); {t.Last.Placements.Count} placed; {cpu.PerRun(PlanRepeats)}");
            _fig.BigPlacement[copies] = (many.Count, t.MedianMs);
        }
    }

    private void MemoryRow()
    {
        GC.Collect();
        var p = Process.GetCurrentProcess();
        p.Refresh();
        var info = GC.GetGCMemoryInfo();
        _fig.PeakWorkingSet = p.PeakWorkingSet64;
        _table.Add("daemon memory after rebuild + plan at scale", Fmt.MB(p.PeakWorkingSet64),
            $"peak working set; now {Fmt.MB(p.WorkingSet64)} working set, {Fmt.MB(GC.GetTotalMemory(false))} managed live, GC heap peak-ish {Fmt.MB(info.HeapSizeBytes)}");
    }

    /// <summary>Jobs in the order the plan would launch them: placed first, then waiting, each job once.</summary>
    private static IEnumerable<JobCandidate> PlanOrder(PlacementPlan plan) =>
        plan.Placements.Select(p => p.Job).Concat(plan.Waiting.Select(w => w.Job));

    private async Task<List<long>> ClaimAsync(JobStore store, IEnumerable<JobCandidate> jobs, int count, List<double> latencies, CancellationToken ct,
        HashSet<string>? frames = null)
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
            if (job is null) continue;
            ids.Add(job.Id);
            frames?.Add(job.FrameId);
        }
        return ids;
    }

    private async Task IncrementalAsync(PlacementPlan plan, NpgsqlConnection conn, CancellationToken ct)
    {
        var store = new JobStore(_factory);
        var claimMs = new List<double>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var ids = await ClaimAsync(store, PlanOrder(plan), 100, claimMs, ct, touched);
        var successMs = new List<double>();
        foreach (var id in ids)
        {
            var w = Stopwatch.StartNew();
            await store.RecordSuccessAsync(id, ct);
            successMs.Add(w.Elapsed.TotalMilliseconds);
        }
        _table.Add($"claim + record success, {ids.Count} jobs one by one", Fmt.Ms(claimMs.Sum() + successMs.Sum()),
            $"per job: claim {Fmt.Ms(Stats.Median(claimMs))}, success {Fmt.Ms(Stats.Median(successMs))} (medians)");
        // The daemon's own step: RecordSuccessAsync marked each job's frame (joblist_dirty_frames), and the pass rebuilds
        // only the frames marked.
        var after = await new DaemonStore(_factory, TimeProvider.System).RebuildDirtyFramesAsync(ct)
            ?? throw new InvalidOperationException("no frame was marked by the jobs' ends");
        _table.Add($"incremental rebuild after {ids.Count} finished", Fmt.Ms(after.Elapsed.TotalMilliseconds),
            $"{after.Frames} frames rebuilt; added {after.Added}, removed {after.Removed}, kept {Fmt.N(after.Kept)}");
        var (onlyFloor, onlyPending) = await FloorQuery.CompareWithPendingAsync(conn, ct);
        var same = onlyFloor == 0 && onlyPending == 0 && after.Frames == touched.Count;
        _table.Add("same pending set after the incremental rebuild", same ? "yes" : "NO",
            $"keys only in floor {onlyFloor}, only in pending_jobs {onlyPending}; frames marked {after.Frames}, frames touched {touched.Count}");
        if (!same) _exit = 1;
        // The floor for what changed: the same query restricted to the frames those jobs belong to.
        var frames = touched.Order(StringComparer.Ordinal).ToArray();
        var floor = await Stats.RepeatAsync(_s.Repeats, () => FloorQuery.RunAsync(conn, ct, frames));
        _table.Add($"floor restricted to the {frames.Length} frames touched", Fmt.Ms(floor.MedianMs), $"median of {_s.Repeats}; {Fmt.N(floor.Last.Rows.Count)} rows read");
        _fig.Incremental = (ids.Count, frames.Length, after.Elapsed.TotalMilliseconds, floor.MedianMs);
    }

    /// <summary>
    /// Passes of the real daemon when nothing changed between them: every machine drained through ctl first (so nothing
    /// launches and the state stays still), one pass to take that in, then the measured passes. Reconcile is part of
    /// each pass but asks no machine (no job runs); the drains are lifted afterwards.
    /// </summary>
    private async Task QuietPassAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var ctl = new SatDaemonController(_factory);
        foreach (var m in _config.Machines) await ctl.DrainMachineAsync(m.Name, _config.Machines, "bench", ct);
        var daemon = BenchConfig.Daemon(_config, _factory);
        var w = Stopwatch.StartNew();
        var first = await daemon.RunPassAsync(ct);
        var firstMs = w.Elapsed.TotalMilliseconds;
        var pendingBefore = await CountPendingAsync(conn, ct);
        var quiet = await Stats.RepeatAsync(Math.Max(5, _s.Repeats), () => daemon.RunPassAsync(ct));
        var pendingAfter = await CountPendingAsync(conn, ct);
        foreach (var m in _config.Machines) await ctl.ResumeMachineAsync(m.Name, _config.Machines, ct);
        _table.Add("daemon pass, first after the drains", Fmt.Ms(firstMs), $"rebuild + plan; launched {first.Launched}, {Fmt.N(first.Pending)} pending");
        _table.Add("daemon pass, nothing changed", Fmt.Ms(quiet.MedianMs),
            $"median of {quiet.AllMs.Count} (max {Fmt.Ms(quiet.AllMs.Max())}); pending_jobs {Fmt.N(pendingBefore)} before, {Fmt.N(pendingAfter)} after; last launched {quiet.Last.Launched}");
        _fig.QuietPassMs = quiet.MedianMs;
        if (pendingBefore != pendingAfter || quiet.Last.Launched != 0) _exit = 1;
    }

    private static async Task<long> CountPendingAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pending_jobs", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Issue 18's table: each aim with what this run measured; rows it could not measure say so.</summary>
    private void AddAims()
    {
        var f = _fig;
        if (f.QuietPassMs is { } quiet)
            _aims.Add("pass with nothing changed (reconcile aside)", Fmt.Ms(quiet), "≤ 10 ms", new AimTable.Part(quiet, 10),
                "real ProcDaemon.RunPassAsync, machines drained; reconcile asks no machine (no job runs)");
        else _aims.NotMeasured("pass with nothing changed (reconcile aside)", "≤ 10 ms", "not run");
        if (f.Incremental is var (ended, frames, ms, floorMs))
            _aims.Add($"rebuild after {ended} jobs ended", Fmt.Ms(ms), "≤ 1.2× the floor on the frames touched",
                new AimTable.Part(ms, 1.2 * floorMs), $"{frames} frames touched, floor on them {Fmt.Ms(floorMs)} ({Fmt.X(ms / floorMs)})");
        else _aims.NotMeasured("rebuild after 100 jobs ended", "≤ 1.2× the floor on the frames touched", "not run");
        _aims.Add("full rebuild vs floor", Fmt.X(f.RebuildMs / f.FloorMs), "≤ 1.2×", new AimTable.Part(f.RebuildMs / f.FloorMs, 1.2),
            $"{Fmt.Ms(f.RebuildMs)} vs {Fmt.Ms(f.FloorMs)}");
        _aims.Add("first rebuild (empty pending_jobs)", Fmt.Ms(f.RefillMs), "≤ 300 ms", new AimTable.Part(f.RefillMs, 300),
            $"warm process; the first rebuild of the process (EF compiling its queries too) took {Fmt.Ms(f.FirstRebuildMs)}");
        _aims.Add($"placement, {Fmt.N(f.PlacementJobs)} pending × {_s.Machines} machines", Fmt.Ms(f.PlacementMs), "≤ 10 ms",
            new AimTable.Part(f.PlacementMs, 10), $"PlacementPlanner.Plan alone; ProcDaemon.PlanAsync (reads + plan) {Fmt.Ms(f.PlanAsyncMs)}");
        if (f.Wake is { } w)
            _aims.Add("job runnable → launched (PostgreSQL)", $"p50 {Fmt.Ms(w.P50Ms)}, p99 {Fmt.Ms(w.P99Ms)}", "p99 ≤ 1 s", new AimTable.Part(w.P99Ms, 1000),
                $"real satdaemon process, poll 60 s, glance 2 s, woken by NOTIFY; {w.Samples} ctl changes → the job's own first line (job exec start included); the daemon's launched record p50 {Fmt.Ms(w.ClaimP50Ms)}, p99 {Fmt.Ms(w.ClaimP99Ms)}{(w.Listening ? "" : "; listener NOT up at the end")}; {BenchBinaries.Describe}");
        else _aims.NotMeasured("job runnable → launched (PostgreSQL)", "p99 ≤ 1 s", f.WakeWhy ?? (options.Quick ? "skipped (--quick)" : "skipped (--no-daemon)"));
        if (f.Launches is var (launched, perSecond, _, phase))
            _aims.Add($"launches per second, {LaunchBench.LaunchMachines} machines", $"{Fmt.F(perSecond)}/s", "≥ 200/s", new AimTable.Part(perSecond, 200, AtLeast: true),
                $"{launched} launches in one real pass on {LaunchBench.LaunchMachines} local machines, from the pass start (first reconcile, rebuild, plan) to the last launch; launches alone {Fmt.F(phase)}/s; job exec a stand-in script");
        else _aims.NotMeasured($"launches per second, {LaunchBench.LaunchMachines} machines", "≥ 200/s", options.Quick ? "skipped (--quick)" : "not run");
        if (f.Reconcile is var (machines, jobs, gone, perMachine, serialPerMachine))
            _aims.Add("a pass's reconcile", $"{Fmt.Ms(perMachine)} per machine", "≤ 50 ms per machine on loopback", new AimTable.Part(perMachine, 50),
                $"{machines} machines on the loopback sshd, {jobs} jobs ({gone} gone); one command per machine, read side by side; one at a time {Fmt.Ms(serialPerMachine)} per machine");
        else _aims.NotMeasured("a pass's reconcile", "≤ 50 ms per machine on loopback", options.Quick ? "skipped (--quick)" : "needs the test sshd ($SATDAEMON_TEST_SSH_*, source .services/services.env)");
        if (f.EndToEnd is { } e)
            _aims.Add($"one frame, 5 dates, {e.Jobs} jobs of 1 s, two sshd machines", Fmt.F(e.Seconds, "0.0") + " s", "≤ 60 s", new AimTable.Part(e.Seconds, 60),
                $"real satdaemon process, poll 60 s; from `ctl full-proc on` to the last job's own end line; {e.Failed} failed");
        else _aims.NotMeasured("one frame, 5 dates, 39 jobs of 1 s, two sshd machines", "≤ 60 s",
            f.EndToEndWhy ?? (options.Quick ? "skipped (--quick)" : "skipped (--no-daemon)"));
        if (f.JobExec is { } je)
        {
            var parts = new[] { new AimTable.Part(je.PeakConnections, 20), new AimTable.Part(je.P99Ms, 20) };
            var measured = $"{je.PeakConnections} connections, p99 {Fmt.Ms(je.P99Ms)}";
            var notes = $"{je.Ran} real job exec processes, {je.Reported} end reports timed by job exec itself; median {Fmt.Ms(je.MedianMs)}; {je.Note}";
            if (je.Ran >= 300) _aims.Add("300 jobs reporting at once", measured, "≤ 20 server connections, p99 ≤ 20 ms, real job exec processes", parts, notes);
            else _aims.NotMeasured($"{je.Ran} jobs reporting at once (300 asked)", "≤ 20 server connections, p99 ≤ 20 ms, real job exec processes", notes, measured);
        }
        else if (f.Reporters is var (n, p99, peak))
            _aims.NotMeasured($"{n} jobs reporting at once", "≤ 20 server connections, p99 ≤ 20 ms, real job exec processes",
                $"measured in ONE process ({n} JobLoggers sharing a pool of 20), not {n} job exec processes; {f.ReportersHeldAfter} connections left 5 s after; separate processes need pgbouncer for ≤ 20 (docs/performance.md)",
                $"{peak} connections, p99 {Fmt.Ms(p99)}");
        else _aims.NotMeasured("300 jobs reporting at once", "≤ 20 server connections, p99 ≤ 20 ms", options.Quick ? "skipped (--quick)" : "not run");
        if (f.WrapperStart is { Runs: > 0 } ws)
        {
            _aims.Add("job exec: exec → its command's start (#32)", $"median {Fmt.Ms(ws.MedianMs)}, p90 {Fmt.Ms(ws.P90Ms)}", "median ≤ 100 ms",
                new AimTable.Part(ws.MedianMs, 100), $"native job exec, {ws.Runs} runs one after another on real jobs, local machine; {ws.Failed} failed");
            _aims.Add("job exec resident while its command runs (#32)", $"{Fmt.F(ws.RssMaxMb)} MB", "≤ 40 MB", new AimTable.Part(ws.RssMaxMb, 40),
                $"largest VmRSS of the {ws.Runs} runs; median {Fmt.F(ws.RssMedianMb)} MB");
        }
        else
        {
            var why = f.WrapperStartWhy ?? (f.WrapperStart is { } none ? $"no run reached its command ({none.Failed} failed)" : "not run");
            _aims.NotMeasured("job exec: exec → its command's start (#32)", "median ≤ 100 ms", why);
            _aims.NotMeasured("job exec resident while its command runs (#32)", "≤ 40 MB", why);
        }
        if (f.DaemonMemory is { } dm)
            _aims.Add("daemon working set at scale", $"{Fmt.F(dm.PeakMb, "0")} MB", "≤ 150 MB", new AimTable.Part(dm.PeakMb, 150),
                $"peak resident (VmHWM) of the real satdaemon process over its first {dm.Passes} passes on this database, machines drained; {Fmt.F(dm.RssMb, "0")} MB resident after them; the bench process doing the same work in-process: {Fmt.MB(f.PeakWorkingSet)}");
        else _aims.Add("daemon working set at scale", Fmt.MB(f.PeakWorkingSet), "≤ 150 MB", new AimTable.Part(f.PeakWorkingSet / 1048576.0, 150),
            $"peak working set of the bench process after rebuild + plan (the daemon's work, in this process); real daemon not run: {f.DaemonMemoryWhy ?? (options.Quick ? "--quick" : "--no-daemon")}");
        if (f.ZipsPerSecond is { } zips)
            _aims.Add("ingest-files, generated zips, 2 cores", $"{Fmt.F(zips)} zips/s", "≥ 150 zips/s", new AimTable.Part(zips, 150, AtLeast: true));
        else _aims.NotMeasured("ingest-files, generated zips, 2 cores", "≥ 150 zips/s", options.Quick ? "skipped (--quick)" : "not run");
        if (f.BigPlacement.TryGetValue(3, out var b3))
            _aims.NotMeasured($"{Fmt.N(b3.Jobs)} pending × 200 machines", "placement ≤ 30 ms, daemon ≤ 250 MB",
                $"placement {Fmt.Ms(b3.Ms)} (ratio {Fmt.F(b3.Ms / 30, "0.00")}) on copied candidates; daemon memory needs a run with --frames 900 --machines 200",
                $"placement {Fmt.Ms(b3.Ms)}");
        if (f.BigPlacement.TryGetValue(10, out var b10))
            _aims.NotMeasured($"{Fmt.N(b10.Jobs)} pending × 200 machines", "placement ≤ 100 ms, pass ≤ 1 s",
                $"placement {Fmt.Ms(b10.Ms)} (ratio {Fmt.F(b10.Ms / 100, "0.00")}) on copied candidates; the pass needs a 10^5-pending database",
                $"placement {Fmt.Ms(b10.Ms)}");
    }

    /// <summary>What AddAims reads: filled by the measurements as they run; null where a measurement did not run.</summary>
    private sealed class Figures
    {
        public double FirstRebuildMs, RefillMs, RebuildMs, FloorMs, PlacementMs, PlanAsyncMs;
        public int PlacementJobs;
        public long PeakWorkingSet;
        public DaemonMemoryBench.Result? DaemonMemory;
        public string? DaemonMemoryWhy;
        public double? QuietPassMs, ZipsPerSecond;
        public (int Ended, int Frames, double Ms, double FloorMs)? Incremental;
        public (int Count, double P99, int Peak)? Reporters;
        public int ReportersHeldAfter;
        public Dictionary<int, (int Jobs, double Ms)> BigPlacement { get; } = [];
        public LatencyBench.Latency? Wake;
        public LatencyBench.EndToEnd? EndToEnd;
        public string? WakeWhy, EndToEndWhy;
        public (int Launched, double PerSecond, double Ms, double PhasePerSecond)? Launches;
        public (int Machines, int Jobs, int Gone, double MsPerMachine, double SerialMsPerMachine)? Reconcile;
        public ReportersBench.Result? JobExec;
        public WrapperStartBench.Result? WrapperStart;
        public string? WrapperStartWhy;
    }

    /// <summary>Issue 32: the native job exec's start and memory (after the launch rows: it claims pending jobs too).</summary>
    private async Task WrapperStartAsync(string cfgPath, CancellationToken ct)
    {
        if (options.WrapperStarts == 0) { _fig.WrapperStartWhy = "skipped (--wrapper-start 0)"; return; }
        if (WrapperStartBench.Find(options.NativeJobExec) is not { } jobExec)
        {
            _fig.WrapperStartWhy = "no native job exec: --native-job-exec PATH or $SATDAEMON_TEST_JOB_EXEC (dotnet publish SatDaemon.JobExec -r linux-x64)";
            return;
        }
        var load = Host.LoadAverage();
        var r = await new WrapperStartBench(_factory, _config, cfgPath, dir).RunAsync(jobExec, options.WrapperStarts, ct);
        _fig.WrapperStart = r;
        _table.Add($"native job exec, {r.Runs} runs: exec → the command's own start", $"{Fmt.Ms(r.MedianMs)} / {Fmt.Ms(r.P90Ms)}",
            $"median / p90; the start record on PostgreSQL (median {Fmt.Ms(r.StartRecordMedianMs)} by job exec's own line) and sh's start included; resident while the command runs median {Fmt.F(r.RssMedianMb)} MB, "
            + $"max {Fmt.F(r.RssMaxMb)} MB (VmRSS); {r.Failed} failed; load {load} before; {r.JobExec}");
        Log("native job exec start measured");
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
        // A job process keeps no connection between reports (DatabaseUrl.ForJobProcess): its pool lets them go in seconds.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        await using (var held = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{DatabaseUrl.JobApplicationName}'", conn))
            _fig.ReportersHeldAfter = (int)(long)(await held.ExecuteScalarAsync(ct))!;
        _table.Add("  job connections still open 5 s after the burst", _fig.ReportersHeldAfter.ToString(),
            $"application_name {DatabaseUrl.JobApplicationName}; the loggers are still alive (idle lifetime 2 s, pruned every second)");
        _fig.Reporters = (ids.Count, Stats.Quantile(all, 0.99), peak);
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

    /// <summary>The real satdaemon process's resident memory over its first passes on the scale database (DaemonMemoryBench).</summary>
    private async Task DaemonMemoryAsync(string cfgPath, CancellationToken ct)
    {
        Log($"real daemon at scale: memory over its first passes ({BenchBinaries.Describe})");
        var (result, why) = await DaemonMemoryBench.RunAsync(_factory, _config, cfgPath, ct);
        _fig.DaemonMemory = result;
        _fig.DaemonMemoryWhy = why;
        if (result is { } r)
            _table.Add("real daemon process at scale, peak resident", $"{Fmt.F(r.PeakMb, "0")} MB",
                $"VmHWM over its first {r.Passes} passes (machines drained: plans everything, launches nothing); {Fmt.F(r.RssMb, "0")} MB resident after; first pass done {Fmt.F(r.FirstPassSeconds, "0.0")} s after start; {BenchBinaries.Describe}");
        else _table.Add("real daemon process at scale, peak resident", "not measured", why ?? "");
    }

    /// <summary>The real-daemon rows (LatencyBench): each on its own small database, after everything else.</summary>
    private async Task RealDaemonAsync(CancellationToken ct)
    {
        var bench = new LatencyBench(options.DatabaseUrl, options.WakeSamples, options.Keep);
        Log($"real daemon: runnable → launched, {options.WakeSamples} jobs");
        (_fig.Wake, var why) = await bench.RunnableToLaunchedAsync(ct);
        if (_fig.Wake is { } w)
            _table.Add("job runnable → launched (real daemon)", $"p50 {Fmt.Ms(w.P50Ms)}, p99 {Fmt.Ms(w.P99Ms)}",
                $"{w.Samples} jobs, max {Fmt.Ms(w.MaxMs)}; the daemon's launched record p50 {Fmt.Ms(w.ClaimP50Ms)}, p99 {Fmt.Ms(w.ClaimP99Ms)}; poll 60 s");
        else _fig.WakeWhy = "not measured: " + why;
        Log("real daemon: one frame end to end on sshd");
        (_fig.EndToEnd, why) = await bench.OneFrameOnSshAsync(ct);
        if (_fig.EndToEnd is { } e)
            _table.Add("one frame end to end (real daemon, 2 sshd)", Fmt.F(e.Seconds, "0.0") + " s", $"{e.Jobs} jobs of sleep 1, {e.Failed} failed; poll 60 s");
        else _fig.EndToEndWhy = "not measured: " + why;
    }

    /// <summary>Issue 18's launch and reconcile rows (LaunchBench), last: they move pending jobs to running.</summary>
    private async Task LaunchAndReconcileAsync(CancellationToken ct)
    {
        var bench = new LaunchBench(_factory, url, dir, _table);
        _fig.Launches = await bench.LaunchesAsync("l", new ParametersOptions { Database = url }.ParallelMachines, ct);
        // The same on 40 other machines one at a time (parallel_machines = 1, the serial pass before #18), for comparison.
        await bench.LaunchesAsync("s", 1, ct);
        Log($"launches: {Fmt.F(_fig.Launches.Value.PerSecond)}/s");
        _fig.Reconcile = await bench.ReconcileAsync(ReconcileMachines, new ParametersOptions { Database = url }.ParallelMachines, ct);
        if (_fig.Reconcile is { } r) Log($"reconcile: {Fmt.Ms(r.MsPerMachine)} per machine");
    }

    private const int ReconcileMachines = 8;

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
        _fig.ZipsPerSecond = report.Added / s;
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
