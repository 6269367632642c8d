using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>All frames: a sortable, filterable table (sorting and filtering happen in the browser; 300 rows are small).</summary>
internal static class FramesPage
{
    /// <param name="held">Frames on ctl hold, with who and since when.</param>
    /// <param name="operatorView">The viewer may change things: then the page links the new-frame form.</param>
    public static SafeHtml Render(IReadOnlyList<FrameListRow> frames, IReadOnlyDictionary<string, string>? held = null, bool operatorView = false)
    {
        var h = new HtmlBuilder();
        held ??= new Dictionary<string, string>();
        h.Add($"""<h1>Frames ({frames.Count})</h1>""");
        if (operatorView) h.Add($"""<p><a href="/frames/new" id="new-frame">new frame from bursts…</a></p>""");
        if (held.Count > 0) h.Add($"""<p id="held-count"><span class="badge badge-held">held</span> {held.Count} frame(s) on hold: nothing new starts for them</p>""");
        h.Add($"""<form class="filter" onsubmit="return false"><input type="search" placeholder="filter…" data-filter="frames" aria-label="filter frames"></form>""");
        h.Add($"""<table id="frames" data-sortable><thead><tr><th data-sort="text">frame</th><th data-sort="text">level</th><th data-sort="num">priority</th><th data-sort="text">range</th><th data-sort="text">noupdate</th><th data-sort="text">master</th>""");
        h.Add($"""<th data-sort="num">progress</th><th data-sort="num">waiting</th><th data-sort="num">running</th><th data-sort="num">complete</th><th data-sort="num">held</th><th data-sort="num">failed</th><th data-sort="num">open failures</th><th data-sort="text">time series</th></tr></thead><tbody>""");
        foreach (var f in frames)
        {
            var r = f.Rows;
            h.Add($"""<tr data-frame="{f.Id}"><td><a href="{Format.FrameHref(f.Id)}">{f.Id}</a>{(held.TryGetValue(f.Id, out var by) ? new HtmlBuilder().Add($" <span class=\"badge badge-held\" title=\"{by}\">held</span>").ToHtml() : SafeHtml.Empty)}</td><td>{f.ProcLevel}</td><td class="num">{f.Priority}</td><td>{Format.Date(f.ProcStart)} … {Format.Date(f.ProcEnd)}</td><td>{(f.NoUpdate ? "yes" : "no")}</td><td>{Format.Date(f.MasterDate)}</td>""");
            h.Add($"""<td data-v="{r.Progress:0.000}">{Bars.Progress(r.Progress)} {Format.Percent(r.Progress)}</td><td class="num">{r.Waiting}</td><td class="num">{r.Running}</td><td class="num">{r.Complete}</td><td class="num">{r.Held}</td><td class="num">{r.Failed}</td><td class="num">{f.OpenFailures}</td><td>{f.TimeSeries}</td></tr>""");
        }
        h.Add($"""</tbody></table>""");
        return h.ToHtml();
    }
}
