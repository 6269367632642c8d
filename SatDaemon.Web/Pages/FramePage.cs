using SatDaemon.Control;
using System.Text.RegularExpressions;
using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>One frame: settings, the date × stage grid coloured by proc_status, its bursts on a map, job history per date.</summary>
internal static partial class FramePage
{
    /// <summary>Grid rows per page: 60 dates read on one screen or two, and keep a frame page under 300 kB at the bench's scale (100 made it 317 kB); the rest is a click away.</summary>
    public const int RowsPerPage = 60;

    /// <param name="allRows">Show complete rows too (hidden by default: a long frame is mostly complete).</param>
    /// <param name="page">1-based page of the grid.</param>
    /// <param name="pending">The frame's pending jobs (bounded), each with why it waits.</param>
    /// <param name="heldBy">Who put the frame on hold and when, or null when it is not held.</param>
    public static SafeHtml Render(FrameDetail d, DateTime now, bool allRows = false, int page = 1, IReadOnlyList<PendingJobView>? pending = null, string? heldBy = null)
    {
        var f = d.Frame;
        var h = new HtmlBuilder();
        h.Add($"""<h1>Frame <span id="frame-id">{f.Id}</span>{(heldBy is null ? SafeHtml.Empty : new HtmlBuilder().Add($" <span class=\"badge badge-held\" id=\"frame-held\" title=\"{heldBy}\">held</span>").ToHtml())}</h1>""");
        if (heldBy is not null) h.Add($"""<p class="held-note">on hold ({heldBy}): nothing new starts for this frame, running jobs finish (ctl release)</p>""");
        h.Add($"""<p>track {f.Track}{f.OrbitDirection} · level <b>{f.ProcLevel}</b> · priority {f.Priority} · range {Format.Date(f.ProcStart)} … {Format.Date(f.ProcEnd)} · noupdate {(f.NoUpdate ? "yes" : "no")} · master {Format.Date(f.MasterDate)} · time series {f.TimeSeries} · {Format.Percent(f.Rows.Progress)} of {f.Rows.Total} rows complete · <a href="/history?frame={Uri.EscapeDataString(f.Id)}">changes</a></p>""");
        PagedGrid(h, f.Id, d.Columns, d.Rows, allRows, page, CellJobs(d));
        h.Add($"""<h2>Bursts ({d.Bursts.Count})</h2>""");
        var shapes = d.Bursts.Select(b => new MapShape(b.Outline, "burst", $"{b.Id} (ESA {b.EsaBurstId?.ToString() ?? "-"})", null, Label: b.Id)).ToList();
        if (f.Outline.Count > 0) shapes.Insert(0, new MapShape(f.Outline, "frame", f.Id, Format.FrameHref(f.Id), "none", Label: f.Id));
        h.Add($"""{MapSvg.Render(shapes, "frame-map")}""");
        OverviewPage.RunningTable(h, d.Running, now);
        if (pending is not null)
        {
            h.Add($"""<h2>Pending jobs ({pending.Count}{(pending.Count == PendingShown ? "+" : "")})</h2>""");
            if (pending.Count == 0) h.Add($"""<p class="muted">none</p>""");
            else PendingTable.Render(h, "frame-pending", pending, now, frameColumn: false);
        }
        History(h, d);
        return h.ToHtml();
    }

    /// <summary>The frame page lists at most this many pending jobs of the frame; the jobs page filters by frame for more.</summary>
    public const int PendingShown = 50;

    /// <summary>The job behind a running or failed cell, by stage and dates: running jobs first, then the newest failure not yet retried.</summary>
    private static Func<GridRow, GridCell, long?> CellJobs(FrameDetail d) => (r, c) => c.Status switch
    {
        "running" => d.Running.FirstOrDefault(j => j.StageName == c.Stage && j.Date == r.Date && j.Date2 == r.Date2)?.JobId,
        "failed" => d.Failures.Where(f => f.StageName == c.Stage && f.Date == r.Date && f.Date2 == r.Date2).OrderByDescending(f => f.FailedAt).FirstOrDefault()?.JobId,
        _ => null,
    };

    /// <summary>Rows first by what needs a look (failed, running, waiting, held, to do), complete last; by date within each.</summary>
    private static readonly string[] StatusOrder = ["failed", "running", "waiting", "held", "todo", "complete"];

    /// <summary>
    /// The frame's grid for 300+ dates: counts per row status in its header, failed and running rows first, complete rows
    /// hidden unless asked for (?rows=all), <see cref="RowsPerPage"/> rows a page (?page=N).
    /// </summary>
    private static void PagedGrid(HtmlBuilder h, string frameId, IReadOnlyList<string> columns, IReadOnlyList<GridRow> rows, bool allRows, int page, Func<GridRow, GridCell, long?>? jobOf = null)
    {
        var byStatus = rows.Select((r, i) => (Row: r, r.Status, Index: i)).ToList();
        var counts = StatusOrder.ToDictionary(s => s, s => byStatus.Count(r => r.Status == s));
        var shown = byStatus.Where(r => allRows || r.Status != "complete")
            .OrderBy(r => Array.IndexOf(StatusOrder, r.Status)).ThenBy(r => r.Index).Select(r => r.Row).ToList();
        var pages = Math.Max(1, (shown.Count + RowsPerPage - 1) / RowsPerPage);
        page = Math.Clamp(page, 1, pages);
        h.Add($"""<h2>Dates and stages ({rows.Count} rows)</h2><p class="grid-counts" id="grid-counts">""");
        foreach (var s in StatusOrder) h.Add($"""<span class="s-{s}" data-count="{s}">{counts[s]} {s}</span>""");
        h.Add($"""</p><p class="pager" id="grid-pager">""");
        var self = Format.FrameHref(frameId);
        h.Add($"""{(allRows ? "all rows" : $"{shown.Count} rows not complete")} · """);
        if (allRows) h.Add($"""<a href="{self}" id="grid-hide-complete">hide complete rows</a>""");
        else h.Add($"""<a href="{self}?rows=all" id="grid-show-all">show all {rows.Count}</a>""");
        if (pages > 1)
        {
            h.Add($""" · page """);
            for (var p = 1; p <= pages; p++)
                if (p == page) h.Add($"""<b>{p}</b>""");
                else h.Add($"""<a href="{self}?page={p}{(allRows ? "&rows=all" : "")}">{p}</a>""");
        }
        h.Add($"""</p>""");
        Grid(h, frameId, columns, shown.Skip((page - 1) * RowsPerPage).Take(RowsPerPage).ToList(), jobOf, heading: false);
    }

    /// <summary>The date × stage grid; a row's dates link to their image pages, a running or failed cell to its job's page.</summary>
    internal static void Grid(HtmlBuilder h, string frameId, IReadOnlyList<string> columns, IReadOnlyList<GridRow> rows, Func<GridRow, GridCell, long?>? jobOf = null, bool heading = true)
    {
        if (heading) h.Add($"""<h2>Dates and stages</h2>""");
        h.Add($"""<p class="legend">""");
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
            {
                var text = c.Status is "none" or "todo" ? "" : c.Status;
                var content = jobOf?.Invoke(r, c) is { } job
                    ? new HtmlBuilder().Add($"""<a href="{JobLinks.JobHref(job)}" title="job {JobLinks.JobLabel(job)}">{text}</a>""").ToHtml()
                    : new HtmlBuilder().Add($"""{text}""").ToHtml();
                h.Add($"""<td class="cell s-{c.Status}" data-stage="{c.Stage}" data-status="{c.Status}" title="{c.Stage}: {c.Status}">{content}</td>""");
            }
            h.Add($"""</tr>""");
        }
        h.Add($"""</tbody></table>""");
    }

    /// <summary>Failures (exit code, error, log tail) and events grouped by the date they concern; events name it in their message.</summary>
    private static void History(HtmlBuilder h, FrameDetail d)
    {
        h.Add($"""<h2>Job history by date</h2>""");
        var eventKeys = EventKeys(d);
        var keys = d.Failures.Select(f => Format.Dates(f.Date, f.Date2))
            .Concat(eventKeys.Values).Distinct().OrderByDescending(k => k, StringComparer.Ordinal).ToList();
        if (keys.Count == 0) { h.Add($"""<p class="muted">no jobs yet</p>"""); return; }
        // Dates newest first, then the time series ("-"), then events no job of which names a date.
        keys = keys.Where(k => k != NoDate).Concat(keys.Where(k => k == NoDate)).ToList();
        foreach (var key in keys)
        {
            h.Add($"""<section class="date-history" data-date="{key}"><h3>{(key == "-" ? "frame (time series)" : key == NoDate ? "events without a date" : key)}</h3>""");
            foreach (var f in d.Failures.Where(f => Format.Dates(f.Date, f.Date2) == key)) Failure(h, f);
            var events = d.Events.Where(e => eventKeys[e.Id] == key).ToList();
            if (events.Count > 0) Events(h, events);
            h.Add($"""</section>""");
        }
    }

    /// <summary>One failure: job, type, when, where, exit code, error and its log tail.</summary>
    internal static void Failure(HtmlBuilder h, FailedJobStatus f)
    {
        h.Add($"""<div class="failure" data-job="{f.JobId}"><b>job {JobLinks.Job(f.JobId)} {f.JobType}</b> failed {Format.Time(f.FailedAt)} on {f.Machine ?? "-"}, exit code <b>{f.ExitCode?.ToString() ?? "-"}</b>{(f.Retried ? " (retried)" : "")}: {f.Error}""");
        if (!string.IsNullOrEmpty(f.LogTail)) h.Add($"""<pre class="log">{f.LogTail}</pre>""");
        h.Add($"""</div>""");
    }

    /// <summary>Job events as a table, newest first.</summary>
    internal static void Events(HtmlBuilder h, IReadOnlyList<JobEventView> events)
    {
        h.Add($"""<table class="events"><tbody>""");
        foreach (var e in events)
            h.Add($"""<tr><td>{Format.Time(e.Time)}</td><td>job {JobLinks.Job(e.JobId)}</td><td>{e.Kind}</td><td>{e.Machine ?? ""}</td><td>{e.Message ?? ""}</td></tr>""");
        h.Add($"""</tbody></table>""");
    }

    private const string NoDate = "?";

    /// <summary>
    /// Each event's heading: the dates its message names; else those of its job (another event of the job, or its
    /// failure, names them: "download failed: 404" belongs to the launch "download … 2020-01-25"); "-" for a time-series
    /// job's; <see cref="NoDate"/> when nothing says.
    /// </summary>
    private static Dictionary<long, string> EventKeys(FrameDetail d)
    {
        var byJob = new Dictionary<long, string>();
        foreach (var f in d.Failures) byJob.TryAdd(f.JobId, Format.Dates(f.Date, f.Date2));
        foreach (var r in d.Running) byJob.TryAdd(r.JobId, Format.Dates(r.Date, r.Date2));
        foreach (var e in d.Events)
            if (DateKey(e.Message) is { } k) byJob[e.JobId] = k;
        return d.Events.ToDictionary(e => e.Id, e => DateKey(e.Message) ?? byJob.GetValueOrDefault(e.JobId) ?? NoDate);
    }

    private static string? DateKey(string? message) =>
        message is not null && DatePattern().Match(message) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(_\d{4}-\d{2}-\d{2})?")]
    private static partial Regex DatePattern();
}
