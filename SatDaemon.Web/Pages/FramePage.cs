using SatDaemon.Control;
using System.Text.RegularExpressions;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>One frame: settings, the date × stage grid coloured by proc_status, its bursts on a map, job history per date.</summary>
internal static partial class FramePage
{
    public static SafeHtml Render(FrameDetail d, DateTime now)
    {
        var f = d.Frame;
        var h = new HtmlBuilder();
        h.Add($"""<h1>Frame <span id="frame-id">{f.Id}</span></h1>""");
        h.Add($"""<p>track {f.Track}{f.OrbitDirection} · level <b>{f.ProcLevel}</b> · priority {f.Priority} · range {Format.Date(f.ProcStart)} … {Format.Date(f.ProcEnd)} · noupdate {(f.NoUpdate ? "yes" : "no")} · master {Format.Date(f.MasterDate)} · time series {f.TimeSeries} · {Format.Percent(f.Rows.Progress)} of {f.Rows.Total} rows complete · <a href="/history?frame={Uri.EscapeDataString(f.Id)}">changes</a></p>""");
        Grid(h, f.Id, d.Columns, d.Rows);
        h.Add($"""<h2>Bursts ({d.Bursts.Count})</h2>""");
        var shapes = d.Bursts.Select(b => new MapShape(b.Outline, "burst", $"{b.Id} (ESA {b.EsaBurstId?.ToString() ?? "-"})", null, Label: b.Id)).ToList();
        if (f.Outline.Count > 0) shapes.Insert(0, new MapShape(f.Outline, "frame", f.Id, Format.FrameHref(f.Id), "none", Label: f.Id));
        h.Add($"""{MapSvg.Render(shapes, "frame-map")}""");
        OverviewPage.RunningTable(h, d.Running, now);
        History(h, d);
        return h.ToHtml();
    }

    /// <summary>The date × stage grid; a row's dates link to their image pages.</summary>
    internal static void Grid(HtmlBuilder h, string frameId, IReadOnlyList<string> columns, IReadOnlyList<GridRow> rows)
    {
        h.Add($"""<h2>Dates and stages</h2><p class="legend">""");
        foreach (var s in new[] { "complete", "running", "waiting", "held", "failed", "todo" }) h.Add($"""<span class="s-{s}">{s}</span>""");
        h.Add($"""</p><table id="grid" class="grid-table"><thead><tr><th>row</th>""");
        foreach (var c in columns) h.Add($"""<th>{c}</th>""");
        h.Add($"""</tr></thead><tbody>""");
        foreach (var r in rows)
        {
            h.Add($"""<tr data-table="{r.Table}" data-row="{r.Label}"><th>""");
            if (r.Date is { } date) h.Add($"""<a href="{ImagePage.Href(frameId, date)}">{r.Label}</a>""");
            else h.Add($"""{r.Label}""");
            h.Add($"""</th>""");
            foreach (var c in r.Cells)
                h.Add($"""<td class="cell s-{c.Status}" data-stage="{c.Stage}" data-status="{c.Status}" title="{c.Stage}: {c.Status}">{(c.Status is "none" or "todo" ? "" : c.Status)}</td>""");
            h.Add($"""</tr>""");
        }
        h.Add($"""</tbody></table>""");
    }

    /// <summary>Failures (exit code, error, log tail) and events grouped by the date they concern; events name it in their message.</summary>
    private static void History(HtmlBuilder h, FrameDetail d)
    {
        h.Add($"""<h2>Job history by date</h2>""");
        var keys = d.Failures.Select(f => Format.Dates(f.Date, f.Date2))
            .Concat(d.Events.Select(e => DateKey(e.Message))).Distinct().OrderByDescending(k => k, StringComparer.Ordinal).ToList();
        if (keys.Count == 0) { h.Add($"""<p class="muted">no jobs yet</p>"""); return; }
        foreach (var key in keys)
        {
            h.Add($"""<section class="date-history" data-date="{key}"><h3>{(key == "-" ? "frame (time series)" : key)}</h3>""");
            foreach (var f in d.Failures.Where(f => Format.Dates(f.Date, f.Date2) == key)) Failure(h, f);
            var events = d.Events.Where(e => DateKey(e.Message) == key).ToList();
            if (events.Count > 0) Events(h, events);
            h.Add($"""</section>""");
        }
    }

    /// <summary>One failure: job, type, when, where, exit code, error and its log tail.</summary>
    internal static void Failure(HtmlBuilder h, FailedJobStatus f)
    {
        h.Add($"""<div class="failure" data-job="{f.JobId}"><b>job {f.JobId} {f.JobType}</b> failed {Format.Time(f.FailedAt)} on {f.Machine ?? "-"}, exit code <b>{f.ExitCode?.ToString() ?? "-"}</b>{(f.Retried ? " (retried)" : "")}: {f.Error}""");
        if (!string.IsNullOrEmpty(f.LogTail)) h.Add($"""<pre class="log">{f.LogTail}</pre>""");
        h.Add($"""</div>""");
    }

    /// <summary>Job events as a table, newest first.</summary>
    internal static void Events(HtmlBuilder h, IReadOnlyList<JobEventView> events)
    {
        h.Add($"""<table class="events"><tbody>""");
        foreach (var e in events)
            h.Add($"""<tr><td>{Format.Time(e.Time)}</td><td>job {e.JobId}</td><td>{e.Kind}</td><td>{e.Machine ?? ""}</td><td>{e.Message ?? ""}</td></tr>""");
        h.Add($"""</tbody></table>""");
    }

    private static string DateKey(string? message) =>
        message is not null && DatePattern().Match(message) is { Success: true } m ? m.Value : "-";

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(_\d{4}-\d{2}-\d{2})?")]
    private static partial Regex DatePattern();
}
