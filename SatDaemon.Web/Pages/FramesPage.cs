using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>All frames: a sortable, filterable table (sorting and filtering happen in the browser; 300 rows are small).</summary>
internal static class FramesPage
{
    public static SafeHtml Render(IReadOnlyList<FrameListRow> frames)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Frames ({frames.Count})</h1><form class="filter" onsubmit="return false"><input type="search" placeholder="filter…" data-filter="frames" aria-label="filter frames"></form>""");
        h.Add($"""<table id="frames" data-sortable><thead><tr><th data-sort="text">frame</th><th data-sort="text">level</th><th data-sort="num">priority</th><th data-sort="text">range</th><th data-sort="text">noupdate</th><th data-sort="text">master</th>""");
        h.Add($"""<th data-sort="num">progress</th><th data-sort="num">waiting</th><th data-sort="num">running</th><th data-sort="num">complete</th><th data-sort="num">held</th><th data-sort="num">failed</th><th data-sort="num">open failures</th><th data-sort="text">time series</th></tr></thead><tbody>""");
        foreach (var f in frames)
        {
            var r = f.Rows;
            h.Add($"""<tr data-frame="{f.Id}"><td><a href="{Format.FrameHref(f.Id)}">{f.Id}</a></td><td>{f.ProcLevel}</td><td class="num">{f.Priority}</td><td>{Format.Date(f.ProcStart)} … {Format.Date(f.ProcEnd)}</td><td>{(f.NoUpdate ? "yes" : "no")}</td><td>{Format.Date(f.MasterDate)}</td>""");
            h.Add($"""<td data-v="{r.Progress:0.000}">{Bars.Progress(r.Progress)} {Format.Percent(r.Progress)}</td><td class="num">{r.Waiting}</td><td class="num">{r.Running}</td><td class="num">{r.Complete}</td><td class="num">{r.Held}</td><td class="num">{r.Failed}</td><td class="num">{f.OpenFailures}</td><td>{f.TimeSeries}</td></tr>""");
        }
        h.Add($"""</tbody></table>""");
        return h.ToHtml();
    }
}
