using SatDaemon.Control;
using SatDaemon.Database.Trends;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;
using SatDaemon.Web.Trends;

namespace SatDaemon.Web.Pages;

/// <summary>
/// Charts over time: launches, ends and failures by job type (job_events), pending jobs by reason and the use of
/// cpus, memory and disk against budget (trend_samples), for 6 h, 24 h, 7 d or 30 d.
/// </summary>
internal static class TrendsPage
{
    public static SafeHtml Render(TrendView v, IReadOnlyList<MachineUsage> machines)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Trends</h1>""");
        Windows(h, "/trends", v.Window);
        h.Add($"""<h2>Jobs per {v.Window.Unit(v.Window.EventBucket)} by job type</h2><div class="charts">""");
        foreach (var (kind, title) in TrendQueries.EventKinds)
            Box(h, title, TrendChart.Stacked("chart-" + kind, $"{title} per {v.Window.Unit(v.Window.EventBucket)}", v.Events[kind]));
        h.Add($"""</div><h2>Queue (sampled every minute)</h2>""");
        if (v.Samples.Count == 0) NoSamples(h);
        else
        {
            h.Add($"""<div class="charts">""");
            Box(h, "Pending jobs by reason", TrendChart.Lines("chart-reasons", "pending jobs by first wait reason", v.SampleBuckets, v.PendingByReason()));
            Box(h, "Running and pending jobs", TrendChart.Lines("chart-queue", "running and pending jobs", v.SampleBuckets,
                [("running", v.Series(s => s.Running, TrendView.ClusterHolds)), ("pending", v.Series(s => s.Pending, TrendView.ClusterHolds))]));
            h.Add($"""</div><h2>Cluster use against budget</h2>""");
            UseCharts(h, v, "cluster", TrendView.ClusterHolds);
        }
        h.Add($"""<h2>Machines ({machines.Count})</h2><p>each machine's use against its budget is on its page: """);
        foreach (var m in machines) h.Add($"""<a href="{MachinePage.Href(m.Machine)}?window={v.Window.Name}">{m.Machine}</a> """);
        h.Add($"""</p>""");
        return h.ToHtml();
    }

    /// <summary>The overview's charts: launches and failures per hour and the queue by reason, last 24 h.</summary>
    public static void Compact(HtmlBuilder h, TrendView v)
    {
        h.Add($"""<h2>Last {v.Window.Name} <a href="/trends" class="muted">all trends →</a></h2><div class="charts" id="overview-trends">""");
        Box(h, "Launches per hour", TrendChart.Stacked("overview-launched", "launches per hour", v.Events[Database.Model.JobEventKinds.Launched]));
        Box(h, "Failures per hour", TrendChart.Stacked("overview-failed", "failures per hour", v.Events[Database.Model.JobEventKinds.Failed]));
        if (v.Samples.Count > 0) Box(h, "Pending jobs by reason", TrendChart.Lines("overview-reasons", "pending jobs by first wait reason", v.SampleBuckets, v.PendingByReason()));
        h.Add($"""</div>""");
    }

    /// <summary>cpus, memory and disk used (line) against budget (dashed), for the cluster or one machine.</summary>
    public static void UseCharts(HtmlBuilder h, TrendView v, string idPrefix, TimeSpan holds)
    {
        h.Add($"""<div class="charts">""");
        Box(h, "cpus", TrendChart.Lines($"{idPrefix}-cpus", "cpus used against budget", v.SampleBuckets, [("cpus used", v.Series(s => s.Cpus, holds))], v.Series(s => s.CpusBudget, holds)));
        Box(h, "memory (GB)", TrendChart.Lines($"{idPrefix}-memory", "memory used against budget", v.SampleBuckets, [("memory used", v.Series(s => s.Memory, holds))], v.Series(s => s.MemoryBudget, holds)));
        Box(h, "disk-I/O", TrendChart.Lines($"{idPrefix}-disk", "disk-I/O used against budget", v.SampleBuckets, [("disk used", v.Series(s => s.Disk, holds))], v.Series(s => s.DiskBudget, holds)));
        h.Add($"""</div>""");
    }

    public static void Windows(HtmlBuilder h, string path, TrendWindow current)
    {
        h.Add($"""<p class="windows">window: """);
        foreach (var w in TrendWindow.All)
            h.Add($"""<a href="{path}?window={w.Name}"{(w == current ? new SafeHtml(" class=\"active\"") : SafeHtml.Empty)}>{w.Name}</a>""");
        h.Add($"""</p>""");
    }

    public static void NoSamples(HtmlBuilder h) =>
        h.Add($"""<p class="muted" id="no-samples">no samples in this window: the daemon writes one a minute into trend_samples while it runs (kept {TrendSampleWriter.Retention.TotalDays:0} days)</p>""");

    private static void Box(HtmlBuilder h, string title, SafeHtml chart) => h.Add($"""<div class="chart-box"><h3>{title}</h3>{chart}</div>""");
}
