using SatDaemon.Web.Data;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>One pending job: what it is, where it stands in the queue, and the planner's whole sentence for why it waits.</summary>
internal static class PendingPage
{
    public static SafeHtml Render(PendingJobView p, DateTime now)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Pending job {JobLinks.PendingLabel(p.Id)}{(p.CanNeverRun ? new SafeHtml(" <span class=\"badge badge-never\">can never run</span>") : SafeHtml.Empty)}</h1>""");
        h.Add($"""<p class="muted">a pending id (P…) names a row of the job list; the job gets its own id (#…) when it is launched</p>""");
        h.Add($"""<div class="scroll"><table class="facts" id="pending-facts"><tbody>""");
        h.Add($"""<tr><th>frame</th><td><a href="{Format.FrameHref(p.FrameId)}">{p.FrameId}</a></td></tr><tr><th>type</th><td>{p.JobType}</td></tr><tr><th>stage</th><td>{p.StageName}</td></tr>""");
        h.Add($"""<tr><th>date</th><td>{Format.Dates(p.Date, p.Date2)}</td></tr><tr><th>priority</th><td>{p.Priority}</td></tr><tr><th>queued</th><td>{Format.Time(p.QueuedAt)}</td></tr>""");
        h.Add($"""<tr><th>attempt</th><td>{p.Attempt}</td></tr><tr><th>not before</th><td>{(p.NotBefore is { } nb ? Format.Time(nb) : "-")}</td></tr>""");
        h.Add($"""<tr><th>why it waits</th><td id="pending-why">{JobLinks.Why(p, now)}</td></tr>""");
        h.Add($"""<tr><th>reason categories</th><td>{p.WaitReason ?? "-"}</td></tr></tbody></table></div>""");
        h.Add($"""<p class="muted">the sentence is the daemon's last plan, the same text as <code>satdaemon explain</code></p>""");
        return h.ToHtml();
    }
}
