using Microsoft.EntityFrameworkCore;
using Prometheus;
using SatDaemon.Control;
using SatDaemon.Database;
using SatDaemon.Database.Model;
using SatDaemon.Web.Hosting;

namespace SatDaemon.Web.Metrics;

/// <summary>
/// /metrics in Prometheus text format (prometheus-net). Values are read at scrape time from the database and the
/// daemon's insight, so the console on its own and the daemon report the same series. A registry of its own, not
/// prometheus-net's static default, so two consoles in one process (tests) never share series.
/// </summary>
public sealed class ConsoleMetrics
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Func<CancellationToken, Task<DaemonStatus>> _status;
    private readonly SatDbFactory _factory;
    private readonly IDaemonInsight _insight;

    private readonly Gauge _up, _heartbeatAge, _powerDown, _pending, _pendingByReason, _running, _used, _budget, _available, _passSeconds, _failedRows;
    private readonly Counter _events, _jobsByType;

    public ConsoleMetrics(SatDbFactory factory, IDaemonInsight insight, Func<CancellationToken, Task<DaemonStatus>> status)
    {
        _factory = factory;
        _insight = insight;
        _status = status;
        var f = Prometheus.Metrics.WithCustomRegistry(_registry);
        _up = f.CreateGauge("satdaemon_up", "1 when the daemon's heartbeat is younger than three poll intervals");
        _heartbeatAge = f.CreateGauge("satdaemon_heartbeat_age_seconds", "seconds since the daemon's last heartbeat (absent before the first)");
        _powerDown = f.CreateGauge("satdaemon_power_down", "1 while a power-down is requested");
        _pending = f.CreateGauge("satdaemon_pending_jobs", "rows in pending_jobs (the job list)");
        _pendingByReason = f.CreateGauge("satdaemon_pending_jobs_by_reason", "pending jobs by the planner's wait reason (a job may count under several)", "reason");
        _running = f.CreateGauge("satdaemon_running_jobs", "running jobs per machine", "machine");
        _used = f.CreateGauge("satdaemon_machine_used", "budget held by running jobs per machine and resource (cpus, memory_gb, disk)", "machine", "resource");
        _budget = f.CreateGauge("satdaemon_machine_budget", "configured budget per machine and resource", "machine", "resource");
        _available = f.CreateGauge("satdaemon_machine_available", "1 when the daemon considers the machine usable (absent when the daemon is elsewhere)", "machine");
        _passSeconds = f.CreateGauge("satdaemon_pass_duration_seconds", "duration of the daemon's last pass (absent when the daemon is elsewhere)");
        _failedRows = f.CreateGauge("satdaemon_failed_jobs", "failed_jobs rows by job type and whether they were retried", "job_type", "retried");
        _events = f.CreateCounter("satdaemon_job_events_total", "job_events rows by kind: launches (launched), ends (finished, failed), cancellations…", "kind");
        _jobsByType = f.CreateCounter("satdaemon_jobs_total", "launches, ends and failures by job type (job_events launched, finished, failed, cancelled)", "event", "job_type");
        _registry.AddBeforeCollectCallback(RefreshAsync);
    }

    public Task ExportAsync(Stream output, CancellationToken ct) => _registry.CollectAndExportAsTextAsync(output, ct);

    private async Task RefreshAsync(CancellationToken ct)
    {
        var s = await _status(ct);
        _up.Set(s.LooksAlive ? 1 : 0);
        if (s.Heartbeat is { } hb) _heartbeatAge.Set((s.Now - hb).TotalSeconds);
        _powerDown.Set(s.PowerDown ? 1 : 0);
        _pending.Set(s.Pending.Sum(p => p.Count));

        Clear(_running); Clear(_used); Clear(_budget); Clear(_available); Clear(_pendingByReason); Clear(_failedRows);
        foreach (var m in s.Machines)
        {
            _running.WithLabels(m.Machine).Set(m.RunningJobs);
            _used.WithLabels(m.Machine, "cpus").Set(m.Cpus);
            _used.WithLabels(m.Machine, "memory_gb").Set(m.Memory);
            _used.WithLabels(m.Machine, "disk").Set(m.Disk);
            if (m.CpusBudget is { } c) _budget.WithLabels(m.Machine, "cpus").Set(c);
            if (m.MemoryBudget is { } mem) _budget.WithLabels(m.Machine, "memory_gb").Set(mem);
            if (m.DiskBudget is { } d) _budget.WithLabels(m.Machine, "disk").Set(d);
        }
        foreach (var h in _insight.MachineHealth) _available.WithLabels(h.Machine).Set(h.Available ? 1 : 0);
        if (await _insight.WaitReasonsAsync(ct) is { } w)
        {
            _pendingByReason.WithLabels("would launch").Set(w.WouldLaunch);
            _pendingByReason.WithLabels("retry backoff").Set(w.BackingOff);
            foreach (var (reason, count) in w.ByReason) _pendingByReason.WithLabels(reason).Set(count);
        }
        if (_insight.LastPass is { } pass) _passSeconds.Set(pass.Duration.TotalSeconds);

        // Aggregates only: job_events grows for ever and is never read row by row here.
        await using var db = _factory.Create();
        foreach (var g in await db.JobEvents.GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            _events.WithLabels(g.Key).IncTo(g.Count);
        string[] byType = [JobEventKinds.Launched, JobEventKinds.Finished, JobEventKinds.Failed, JobEventKinds.Cancelled];
        foreach (var g in await db.JobEvents.Where(e => e.JobType != null && byType.Contains(e.Kind))
                     .GroupBy(e => new { e.Kind, e.JobType }).Select(g => new { g.Key.Kind, g.Key.JobType, Count = g.Count() }).ToListAsync(ct))
            _jobsByType.WithLabels(g.Kind, g.JobType!).IncTo(g.Count);
        foreach (var g in await db.FailedJobs.GroupBy(f => new { f.JobType, f.Retried }).Select(g => new { g.Key.JobType, g.Key.Retried, Count = g.Count() }).ToListAsync(ct))
            _failedRows.WithLabels(g.JobType, g.Retried ? "true" : "false").Set(g.Count);
    }

    /// <summary>Drops every label set, so a machine or reason that went away stops being reported.</summary>
    private static void Clear(Gauge g)
    {
        foreach (var labels in g.GetAllLabelValues().ToList()) g.RemoveLabelled(labels);
    }
}
