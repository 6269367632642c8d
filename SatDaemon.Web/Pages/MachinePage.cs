using SatDaemon.Control;
using SatDaemon.Web.Hosting;
using SatDaemon.Web.Html;
using SatDaemon.Web.Trends;

namespace SatDaemon.Web.Pages;

/// <summary>One machine: its budget bars with each job's share, its health, its running jobs and its use over time.</summary>
internal static class MachinePage
{
    public static string Href(string machine) => "/machines/" + Uri.EscapeDataString(machine);

    public static SafeHtml Render(DaemonStatus s, MachineUsage m, MachineHealthView? health, TrendView trend)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Machine <span id="machine-name">{m.Machine}</span></h1>""");
        h.Add($"""<p>{m.RunningJobs} running jobs{(m.InConfig ? "" : " (not in config)")} · {OverviewPage.Health(health)} · <a href="/jobs?machine={Uri.EscapeDataString(m.Machine)}">its jobs and failures</a></p>""");
        // Drained is what an operator asked for, so it stands apart from health (which only says whether it answers).
        if (s.Holds.Machines.FirstOrDefault(d => d.Machine == m.Machine) is { } drain)
            h.Add($"""<p id="machine-drained"><span class="badge badge-drained">drained</span> {Format.Time(drain.DrainedAt)} by <span id="drained-by">{drain.DrainedBy ?? "(not recorded)"}</span>: running jobs finish, nothing new starts here until <code>ctl resume {m.Machine}</code> or resume on the <a href="/">overview</a></p>""");
        OverviewPage.MachineBars(h, s, m);
        OverviewPage.RunningTable(h, s.Running.Where(j => j.Machine == m.Machine).ToList(), s.Now);
        h.Add($"""<h2>Use against budget</h2>""");
        TrendsPage.Windows(h, Href(m.Machine), trend.Window);
        if (trend.Samples.Count == 0) TrendsPage.NoSamples(h);
        else TrendsPage.UseCharts(h, trend, "machine", TrendView.MachineHolds);
        return h.ToHtml();
    }
}
