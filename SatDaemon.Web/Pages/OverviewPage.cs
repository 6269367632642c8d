using SatDaemon.Control;
using SatDaemon.Web.Data;
using SatDaemon.Web.Hosting;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;
using SatDaemon.Web.Trends;

namespace SatDaemon.Web.Pages;

/// <summary>The page operators open first: is the daemon alive, how full is each machine, what runs, why the rest waits, what failed.</summary>
internal static class OverviewPage
{
    private const int FailuresShown = 10;

    /// <summary>Over-budget jobs are counted over the last day: recent enough to act on, long enough to see a pattern.</summary>
    public static readonly TimeSpan OverBudgetWindow = TimeSpan.FromHours(24);

    /// <summary>The first pending jobs shown on their own rows, with why each waits (the jobs page has the first 500).</summary>
    public const int PendingShown = 10;

    public static SafeHtml Render(DaemonStatus s, WaitReasons? reasons, IReadOnlyList<MachineHealthView> health, PassSnapshot? pass,
        IReadOnlyList<(string JobType, int Count)>? overBudget = null, PendingSummary? pending = null, IReadOnlyList<PendingJobView>? nextPending = null,
        TrendView? trend = null)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Overview</h1><p id="daemon-state"><span class="state state-{s.State.Replace(' ', '-')}">{s.State}</span> """);
        if (s.Heartbeat is { } hb)
        {
            h.Add($"""heartbeat {Format.Since(hb, s.Now)} ago from {s.DaemonHost ?? "?"} pid {s.DaemonPid?.ToString() ?? "?"}""");
            if (s.DaemonSince is { } since && !s.Stopped) h.Add($""" (active for {Format.Since(since, s.Now)})""");
        }
        else h.Add($"""no heartbeat yet: the daemon has never run against this database""");
        if (s.LastJoblistAt is { } built) h.Add($""" · job list rebuilt {Format.Since(built, s.Now)} ago""");
        if (s.RecreateJoblist) h.Add($""" · job list rebuild requested""");
        if (pass is not null)
            h.Add($""" · last pass {Format.Since(pass.FinishedAt, s.Now)} ago took {pass.Duration.TotalMilliseconds:0} ms ({pass.Launched} launched, {pass.Ended} ended)""");
        h.Add($"""</p>""");
        foreach (var standby in s.Standbys)
            h.Add($"""<p class="standby">standby waiting on {standby.Host} pid {standby.Pid.ToString()}{(standby.Since is { } waits ? $" for {Format.Since(waits, s.Now)}" : "")}: takes over when the active daemon dies</p>""");

        // Cluster totals first and one compact row per machine after failures: at 40-200 machines, what runs, what
        // waits and what failed stay on the first screen.
        Totals(h, s);
        Running(h, s);
        Pending(h, s, reasons, pending, nextPending ?? []);
        Failures(h, s);
        Machines(h, s, health);
        if (trend is not null) TrendsPage.Compact(h, trend);
        OverBudget(h, overBudget ?? []);
        return h.ToHtml();
    }

    /// <summary>The cluster at a glance: machines, jobs and what all budgets hold together.</summary>
    private static void Totals(HtmlBuilder h, DaemonStatus s)
    {
        var inConfig = s.Machines.Where(m => m.InConfig).ToList();
        h.Add($"""<div class="totals" id="cluster-totals"><strong>{s.Machines.Count} machines</strong><span>{s.Running.Count} running</span>""");
        Total(h, "cpus", s.Machines.Sum(m => m.Cpus), inConfig.Sum(m => m.CpusBudget ?? 0), "cpus");
        Total(h, "memory", s.Machines.Sum(m => m.Memory), inConfig.Sum(m => m.MemoryBudget ?? 0), "GB memory");
        Total(h, "disk", s.Machines.Sum(m => m.Disk), inConfig.Sum(m => m.DiskBudget ?? 0), "disk-I/O");
        h.Add($"""<a href="/trends">trends →</a></div>""");
    }

    private static void Total(HtmlBuilder h, string resource, double used, double budget, string unit) =>
        h.Add($"""<span data-total="{resource}">{MiniBars.Budget(resource, [new BarSegment(used, $"{Format.Number(used)} {unit}", resource)], budget)} {Format.Number(used)}/{Format.Number(budget)} {unit}</span>""");

    /// <summary>One compact row per machine (mini bars, jobs, health), linking to its page with the full bars and its trend.</summary>
    private static void Machines(HtmlBuilder h, DaemonStatus s, IReadOnlyList<MachineHealthView> health)
    {
        h.Add($"""<h2>Machines ({s.Machines.Count})</h2><table id="machines" class="machines"><thead><tr><th>machine</th><th>jobs</th><th>cpus</th><th>memory</th><th>disk-I/O</th><th>health</th></tr></thead><tbody>""");
        var byMachine = s.Running.ToLookup(j => j.Machine);
        foreach (var m in s.Machines)
        {
            var jobs = byMachine[m.Machine].ToList();
            var drain = s.Holds.Machines.FirstOrDefault(d => d.Machine == m.Machine);
            h.Add($"""<tr class="machine{(drain is null ? SafeHtml.Empty : new SafeHtml(" drained"))}" data-machine="{m.Machine}"><th><a href="{MachinePage.Href(m.Machine)}">{m.Machine}</a></th><td class="num">{m.RunningJobs}{(m.InConfig ? "" : " (not in config)")}</td>""");
            h.Add($"""<td>{MiniBars.Budget("cpus", jobs.Select(j => Segment(j, j.Cpus)).ToList(), m.CpusBudget)} {m.Cpus}/{Budget(m.CpusBudget)} cpus</td>""");
            h.Add($"""<td>{MiniBars.Budget("memory", jobs.Select(j => Segment(j, j.Memory)).ToList(), m.MemoryBudget)} {Format.Number(m.Memory)}/{Budget(m.MemoryBudget)} GB memory</td>""");
            h.Add($"""<td>{MiniBars.Budget("disk", jobs.Select(j => Segment(j, j.Disk)).ToList(), m.DiskBudget)} {m.Disk}/{Budget(m.DiskBudget)} disk-I/O</td>""");
            h.Add($"""<td>{HealthOrDrained(health.FirstOrDefault(x => x.Machine == m.Machine), drain, m.Machine)}</td></tr>""");
        }
        h.Add($"""</tbody></table>""");
    }

    /// <summary>Drained comes before health: a drained machine answers, but an operator stopped it taking jobs.</summary>
    private static SafeHtml HealthOrDrained(MachineHealthView? hv, DrainedMachine? drain, string machine) =>
        drain is null ? Health(hv)
        : new HtmlBuilder().Add($"""<span class="badge badge-drained" title="drained {Format.Time(drain.DrainedAt)} by {drain.DrainedBy ?? "?"}; running jobs finish, nothing new starts (ctl resume {machine})">drained</span>{(hv is { Available: false } ? new HtmlBuilder().Add($" <span class=\"health-down\">unavailable: {hv.Reason}</span>").ToHtml() : SafeHtml.Empty)}""").ToHtml();

    internal static SafeHtml Health(MachineHealthView? hv) =>
        hv is null ? new HtmlBuilder().Add($"""<span class="muted">health unknown</span>""").ToHtml()
        : hv.Available ? new HtmlBuilder().Add($"""<span class="health-up">available</span>""").ToHtml()
        : new HtmlBuilder().Add($"""<span class="health-down">unavailable: {hv.Reason}</span>""").ToHtml();

    /// <summary>A machine's full budget bars, each running job a segment (its page).</summary>
    internal static void MachineBars(HtmlBuilder h, DaemonStatus s, MachineUsage m)
    {
        var jobs = s.Running.Where(j => j.Machine == m.Machine).ToList();
        h.Add($"""<div class="machine" data-machine="{m.Machine}"><strong>{m.Machine}</strong><span>{m.RunningJobs} jobs</span><span></span>""");
        Row(h, "cpus", jobs.Select(j => Segment(j, j.Cpus)).ToList(), m.CpusBudget, $"{m.Cpus}/{Budget(m.CpusBudget)} cpus");
        Row(h, "memory", jobs.Select(j => Segment(j, j.Memory)).ToList(), m.MemoryBudget, $"{Format.Number(m.Memory)}/{Budget(m.MemoryBudget)} GB memory");
        Row(h, "disk", jobs.Select(j => Segment(j, j.Disk)).ToList(), m.DiskBudget, $"{m.Disk}/{Budget(m.DiskBudget)} disk-I/O");
        h.Add($"""</div>""");
    }

    private static void Row(HtmlBuilder h, string resource, IReadOnlyList<BarSegment> segments, double? budget, string label) =>
        h.Add($"""<span class="muted">{resource}</span>{Bars.Budget(resource, segments, budget)}<span class="budget-label">{label}</span>""");

    private static BarSegment Segment(RunningJobStatus j, double amount) =>
        new(amount, $"job {j.JobId} {j.JobType} {j.FrameId} {Format.Dates(j.Date, j.Date2)}: {Format.Number(amount)}", j.JobType);

    private static string Budget(double? b) => b is { } v ? Format.Number(v) : "?";

    /// <summary>
    /// The overview's running jobs: at 200 machines a row per job pushed pending and failures off the first screen and
    /// made the page 750 kB (304 kB with 50 rows); the jobs page lists them all.
    /// </summary>
    public const int RunningShown = 25;

    /// <summary>
    /// Rows of pending jobs by frame and stage on the overview, the largest first: at 930 frames the full table was
    /// ~2,800 rows and most of a 750 kB page; the jobs page filters by frame.
    /// </summary>
    public const int PendingByFrameShown = 100;

    internal static void Running(HtmlBuilder h, DaemonStatus s) => RunningTable(h, s.Running, s.Now, RunningShown);

    internal static void RunningTable(HtmlBuilder h, IReadOnlyList<RunningJobStatus> running, DateTime now, int? shown = null)
    {
        h.Add($"""<h2>Running jobs ({running.Count})</h2>""");
        if (running.Count == 0) { h.Add($"""<p class="muted">nothing runs</p>"""); return; }
        h.Add($"""<table id="running"><thead><tr><th>job</th><th>frame</th><th>type</th><th>date</th><th>machine</th><th>progress</th><th>elapsed</th><th>message</th></tr></thead><tbody>""");
        foreach (var j in running.Take(shown ?? running.Count))
            h.Add($"""<tr data-job="{j.JobId}"><td>{JobLinks.Job(j.JobId)}</td><td><a href="{Format.FrameHref(j.FrameId)}">{j.FrameId}</a></td><td>{j.JobType}</td><td>{Format.Dates(j.Date, j.Date2)}</td><td>{j.Machine}</td><td>{Bars.Progress(j.Progress / 100)} <span class="pct">{(j.Progress is { } p ? Format.Percent(p / 100) : "-")}</span></td><td>{Format.Since(j.StartedAt, now)}</td><td>{j.Message ?? ""}</td></tr>""");
        h.Add($"""</tbody></table>""");
        if (shown is { } n && running.Count > n) h.Add($"""<p id="running-more">{n} of {running.Count} shown: <a href="/jobs">all running jobs →</a></p>""");
    }

    private static void Pending(HtmlBuilder h, DaemonStatus s, WaitReasons? reasons, PendingSummary? summary, IReadOnlyList<PendingJobView> next)
    {
        var total = s.Pending.Sum(p => p.Count);
        h.Add($"""<h2>Pending jobs ({total})</h2>""");
        if (summary is not null) PendingTable.Summary(h, summary);
        if (reasons is not null) h.Add($"""<p class="muted">the planner would launch {reasons.WouldLaunch} at its next pass</p>""");
        if (s.Pending.Count == 0) return;
        if (next.Count > 0)
        {
            h.Add($"""<h3>Next {next.Count} in the daemon's order</h3>""");
            PendingTable.Render(h, "pending-next", next, s.Now);
            h.Add($"""<p><a href="/jobs">all pending jobs →</a></p>""");
        }
        var byFrame = s.Pending.OrderByDescending(p => p.Count).ThenBy(p => p.FrameId, StringComparer.Ordinal).Take(PendingByFrameShown).ToList();
        var more = s.Pending.Count > byFrame.Count ? $" (the {byFrame.Count} largest of {s.Pending.Count})" : "";
        h.Add($"""<details id="pending-by-frame"><summary>by frame and stage{more}</summary><table><thead><tr><th>frame</th><th>stage</th><th>jobs</th></tr></thead><tbody>""");
        foreach (var p in byFrame)
            h.Add($"""<tr><td><a href="{Format.FrameHref(p.FrameId)}">{p.FrameId}</a></td><td>{p.StageName}</td><td class="num">{p.Count}</td></tr>""");
        h.Add($"""</tbody></table>{(more.Length > 0 ? new HtmlBuilder().Add($"<p><a href=\"/jobs\">every pending job, by frame →</a></p>").ToHtml() : SafeHtml.Empty)}</details>""");
    }

    private static void OverBudget(HtmlBuilder h, IReadOnlyList<(string JobType, int Count)> overBudget)
    {
        h.Add($"""<h2>Over budget (last 24 h)</h2>""");
        if (overBudget.Count == 0) { h.Add($"""<p class="muted" id="over-budget">no job used more than its budget</p>"""); return; }
        h.Add($"""<table id="over-budget"><thead><tr><th>type</th><th>jobs over budget</th></tr></thead><tbody>""");
        foreach (var (type, count) in overBudget) h.Add($"""<tr><td>{type}</td><td>{count}</td></tr>""");
        h.Add($"""</tbody></table><p class="muted">measured use against [JOB:type] budgets: <code>satdaemon-tools jobs usage</code></p>""");
    }

    private static void Failures(HtmlBuilder h, DaemonStatus s)
    {
        h.Add($"""<h2>Recent failures</h2>""");
        if (s.RecentFailures.Count == 0) { h.Add($"""<p class="muted">none</p>"""); return; }
        h.Add($"""<table id="failures"><thead><tr><th>job</th><th>frame</th><th>type</th><th>date</th><th>machine</th><th>exit</th><th>failed</th><th>retried</th><th>error</th></tr></thead><tbody>""");
        foreach (var f in s.RecentFailures.Take(FailuresShown))
            h.Add($"""<tr><td>{JobLinks.Job(f.JobId)}</td><td><a href="{Format.FrameHref(f.FrameId)}">{f.FrameId}</a></td><td>{f.JobType}</td><td>{Format.Dates(f.Date, f.Date2)}</td><td>{f.Machine ?? "-"}</td><td>{f.ExitCode?.ToString() ?? "-"}</td><td>{Format.Time(f.FailedAt)}</td><td>{(f.Retried ? "yes" : "no")}</td><td>{Format.FirstLine(f.Error)}</td></tr>""");
        h.Add($"""</tbody></table><p><a href="/jobs">all failures and log tails →</a></p>""");
    }
}
