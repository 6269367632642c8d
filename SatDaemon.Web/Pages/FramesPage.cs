using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>
/// All frames: a sortable, filterable table (sorting and filtering of a page happen in the browser), <see cref="PageSize"/>
/// frames a page; <c>?q=</c> keeps the frames whose id contains it, across pages.
/// </summary>
internal static class FramesPage
{
    /// <summary>Frames a page: 930 frames on one page were 582 kB; 300 rows are ~190 kB.</summary>
    public const int PageSize = 300;

    /// <param name="held">Frames on ctl hold, with who and since when.</param>
    /// <param name="operatorView">The viewer may change things: then the page links the new-frame form.</param>
    /// <param name="page">The page shown, from 1; one past the last shows the last.</param>
    /// <param name="query">Only frames whose id contains it (case-insensitive).</param>
    public static SafeHtml Render(IReadOnlyList<FrameListRow> frames, IReadOnlyDictionary<string, string>? held = null, bool operatorView = false,
        int page = 1, string? query = null)
    {
        var h = new HtmlBuilder();
        held ??= new Dictionary<string, string>();
        var total = frames.Count;
        if (!string.IsNullOrWhiteSpace(query)) frames = frames.Where(f => f.Id.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        var pages = Math.Max(1, (frames.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        h.Add($"""<h1>Frames ({total})</h1>""");
        if (operatorView) h.Add($"""<p><a href="/frames/new" id="new-frame">new frame from bursts…</a></p>""");
        if (held.Count > 0) h.Add($"""<p id="held-count"><span class="badge badge-held">held</span> {held.Count} frame(s) on hold: nothing new starts for them</p>""");
        if (pages == 1 && string.IsNullOrWhiteSpace(query))
            h.Add($"""<form class="filter" onsubmit="return false"><input type="search" placeholder="filter…" data-filter="frames" aria-label="filter frames"></form>""");
        else
        {
            // More than a page: the filter asks the server (it searches every page), the page links keep it.
            h.Add($"""<form class="filter" method="get" action="/frames"><input type="search" name="q" value="{query ?? ""}" placeholder="frame id contains…" aria-label="filter frames"> <button>filter</button></form>""");
            h.Add($"""<p class="pages" id="frame-pages">{frames.Count} frame(s){(string.IsNullOrWhiteSpace(query) ? "" : " matching")}, page {page} of {pages}:""");
            var keep = string.IsNullOrWhiteSpace(query) ? "" : "&q=" + Uri.EscapeDataString(query);
            for (var i = 1; i <= pages; i++)
            {
                if (i == page) h.Add($""" <strong>{i}</strong>""");
                else h.Add($""" <a href="/frames?page={i}{keep}">{i}</a>""");
            }
            h.Add($"""</p>""");
        }
        h.Add($"""<table id="frames" data-sortable><thead><tr><th data-sort="text">frame</th><th data-sort="text">level</th><th data-sort="num">priority</th><th data-sort="text">range</th><th data-sort="text">noupdate</th><th data-sort="text">master</th>""");
        h.Add($"""<th data-sort="num">progress</th><th data-sort="num">waiting</th><th data-sort="num">running</th><th data-sort="num">complete</th><th data-sort="num">held</th><th data-sort="num">failed</th><th data-sort="num">open failures</th><th data-sort="text">time series</th></tr></thead><tbody>""");
        foreach (var f in frames.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var r = f.Rows;
            h.Add($"""<tr data-frame="{f.Id}"><td><a href="{Format.FrameHref(f.Id)}">{f.Id}</a>{(held.TryGetValue(f.Id, out var by) ? new HtmlBuilder().Add($" <span class=\"badge badge-held\" title=\"{by}\">held</span>").ToHtml() : SafeHtml.Empty)}</td><td>{f.ProcLevel}</td><td class="num">{f.Priority}</td><td>{Format.Date(f.ProcStart)} … {Format.Date(f.ProcEnd)}</td><td>{(f.NoUpdate ? "yes" : "no")}</td><td>{Format.Date(f.MasterDate)}</td>""");
            h.Add($"""<td data-v="{r.Progress:0.000}">{Bars.Progress(r.Progress)} {Format.Percent(r.Progress)}</td><td class="num">{r.Waiting}</td><td class="num">{r.Running}</td><td class="num">{r.Complete}</td><td class="num">{r.Held}</td><td class="num">{r.Failed}</td><td class="num">{f.OpenFailures}</td><td>{f.TimeSeries}</td></tr>""");
        }
        h.Add($"""</tbody></table>""");
        return h.ToHtml();
    }
}
