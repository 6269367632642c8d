using SatDaemon.Web.Data;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>Pending jobs, each on its own row with why it waits (the planner's sentence); the jobs page, frame page and overview share it.</summary>
internal static class PendingTable
{
    public static void Render(HtmlBuilder h, string id, IReadOnlyList<PendingJobView> pending, DateTime now, bool frameColumn = true)
    {
        h.Add($"""<div class="scroll"><table id="{id}" class="pending-table"><thead><tr><th>id</th>{(frameColumn ? new SafeHtml("<th>frame</th>") : SafeHtml.Empty)}<th>type</th><th>date</th><th>priority</th><th>queued</th><th>why it waits</th></tr></thead><tbody>""");
        foreach (var p in pending)
        {
            h.Add($"""<tr data-pending="{p.Id}"{(p.CanNeverRun ? new SafeHtml(" class=\"never-run\"") : SafeHtml.Empty)}><td>{JobLinks.Pending(p.Id)}</td>""");
            if (frameColumn) h.Add($"""<td><a href="{Format.FrameHref(p.FrameId)}">{p.FrameId}</a></td>""");
            h.Add($"""<td>{p.JobType}</td><td>{Format.Dates(p.Date, p.Date2)}</td><td class="num">{p.Priority}</td><td>{Format.Time(p.QueuedAt)}</td><td class="wait">{JobLinks.Why(p, now)}</td></tr>""");
        }
        h.Add($"""</tbody></table></div>""");
    }

    /// <summary>How many wait per first reason (each job once), the jobs that can never run apart, by type and cause.</summary>
    public static void Summary(HtmlBuilder h, PendingSummary s)
    {
        if (s.NeverRun.Count > 0)
        {
            h.Add($"""<div id="never-run" class="never-run-box"><b>can never run ({s.NeverRunTotal}):</b><ul>""");
            foreach (var g in s.NeverRun) h.Add($"""<li>{g.Count} {g.JobType}, {g.Cause}</li>""");
            h.Add($"""</ul></div>""");
        }
        h.Add($"""<table id="wait-reasons"><thead><tr><th>waiting because (first reason)</th><th>jobs</th></tr></thead><tbody>""");
        foreach (var (reason, count) in s.ByFirstReason) h.Add($"""<tr><td>{reason}</td><td class="num">{count}</td></tr>""");
        if (s.BackingOff > 0) h.Add($"""<tr><td>retry backoff</td><td class="num">{s.BackingOff}</td></tr>""");
        if (s.NotPlanned > 0) h.Add($"""<tr><td>not planned yet</td><td class="num">{s.NotPlanned}</td></tr>""");
        if (s.NeverRunTotal > 0) h.Add($"""<tr><td>can never run</td><td class="num">{s.NeverRunTotal}</td></tr>""");
        h.Add($"""</tbody></table><p class="muted">each job counted once, under the first reason of the daemon's last plan</p>""");
    }
}
