using SatDaemon.Web.Data;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Pages;

/// <summary>Running, pending (with the planner's reasons), failed (error, log tail) and history, filtered by frame, type, machine.</summary>
internal static class JobsPage
{
    // What the page shows of what JobQueries reads (/api/jobs gives all of it): at the bench's scale 500 pending rows,
    // 200 failures with their log tails and 200 events made a 443 kB page, re-read on every change; these keep it
    // under 300 kB. The filters narrow to what is wanted.
    internal const int PendingShown = 200;
    internal const int FailedShown = 50;
    internal const int HistoryShown = 100;

    /// <param name="token">The antiforgery token when the viewer may change things: then each failure gets a retry button.</param>
    /// <param name="summary">All pending jobs by first reason (unfiltered), and those that can never run.</param>
    public static SafeHtml Render(JobsView v, DateTime now, string? token = null, ControlMessage? message = null, PendingSummary? summary = null)
    {
        var h = new HtmlBuilder();
        var f = v.Filter;
        h.Add($"""<h1>Jobs</h1><form class="filter" method="get" action="/jobs">frame <input name="frame" value="{f.Frame ?? ""}"> type <input name="type" value="{f.Type ?? ""}"> machine <input name="machine" value="{f.Machine ?? ""}"> <button>filter</button> <a href="/jobs">clear</a></form>""");
        OverviewPage.RunningTable(h, v.Running, now);

        h.Add($"""<h2>Pending jobs ({v.PendingTotal})</h2>""");
        if (summary is not null) PendingTable.Summary(h, summary);
        if (v.WaitReasons is { } w) h.Add($"""<p class="muted">the planner would launch {w.WouldLaunch} at its next pass</p>""");
        if (v.Pending.Count > 0)
        {
            var pending = v.Pending.Take(PendingShown).ToList();
            PendingTable.Render(h, "pending", pending, now);
            if (v.PendingTotal > pending.Count) h.Add($"""<p class="muted">first {pending.Count} of {v.PendingTotal} in the daemon's order</p>""");
        }

        h.Add($"""<h2>Failed jobs ({v.Failed.Count}{(v.Failed.Count == JobQueries.FailedLimit ? "+" : "")})</h2>""");
        // Retry has no machine filter: a page filtered by machine offers only the per-failure buttons.
        if (token is not null && string.IsNullOrEmpty(f.Machine))
        {
            // The filter above chooses the failures; the form carries it, so what is retried is what the page shows.
            h.Add($"""<form method="post" action="/jobs/retry" id="control-retry-filter" class="control">{FrameControls.Token(token)}<input type="hidden" name="frame" value="{f.Frame ?? ""}"><input type="hidden" name="type" value="{f.Type ?? ""}"><button>retry the failures of this filter</button> """);
            FrameControls.Message(h, "retry", message);
            h.Add($"""</form>""");
        }
        if (v.Failed.Count > FailedShown) h.Add($"""<p class="muted" id="failed-shown">newest {FailedShown} shown; <a href="/api/jobs{Query(f)}">/api/jobs</a> has {v.Failed.Count}</p>""");
        foreach (var x in v.Failed.Take(FailedShown))
        {
            h.Add($"""<details class="failure" id="failure-{x.JobId}" data-job="{x.JobId}"><summary>job {JobLinks.Job(x.JobId)} · <a href="{Format.FrameHref(x.FrameId)}">{x.FrameId}</a> · {x.JobType} {Format.Dates(x.Date, x.Date2)} · {x.Machine ?? "-"} · exit {x.ExitCode?.ToString() ?? "-"} · {Format.Time(x.FailedAt)}{(x.Retried ? " · retried" : "")} · {Format.FirstLine(x.Error)}</summary>""");
            if (token is not null && !x.Retried)
                h.Add($"""<form method="post" action="/jobs/retry" class="control retry-one">{FrameControls.Token(token)}<input type="hidden" name="job" value="{x.JobId}"><button>retry job {JobLinks.JobLabel(x.JobId)}</button></form>""");
            h.Add($"""<pre class="log">{x.Error}</pre>""");
            if (!string.IsNullOrEmpty(x.LogTail)) h.Add($"""<pre class="log log-tail">{x.LogTail}</pre>""");
            h.Add($"""</details>""");
        }

        h.Add($"""<h2>History (newest {Math.Min(v.History.Count, HistoryShown)})</h2><div class="scroll"><table id="history"><thead><tr><th>time</th><th>job</th><th>event</th><th>frame</th><th>machine</th><th>message</th></tr></thead><tbody>""");
        foreach (var e in v.History.Take(HistoryShown))
            h.Add($"""<tr><td>{Format.Time(e.Time)}</td><td>{JobLinks.Job(e.JobId)}</td><td>{e.Kind}</td><td>{e.FrameId ?? ""}</td><td>{e.Machine ?? ""}</td><td>{e.Message ?? ""}</td></tr>""");
        h.Add($"""</tbody></table></div>""");
        return h.ToHtml();
    }

    private static string Query(JobFilter f)
    {
        var parts = new[] { ("frame", f.Frame), ("type", f.Type), ("machine", f.Machine) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
