using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>Every burst (track, swath, ESA id) on a map and in a table, to pick from when designing a frame.</summary>
internal static class BurstsPage
{
    public static SafeHtml Render(IReadOnlyList<BurstView> bursts, int? track, string? swath)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>Bursts ({bursts.Count})</h1><form class="filter" method="get" action="/bursts">track <input name="track" value="{track?.ToString() ?? ""}"> swath <input name="swath" value="{swath ?? ""}"> <button>filter</button></form>""");
        // A click on a burst shows its row below (the row is the link's target, highlighted by the map style).
        var shapes = bursts.Select(b => new MapShape(b.Outline, "burst", $"{b.Id} · ESA {b.EsaBurstId?.ToString() ?? "-"}", "#" + RowId(b.Id), DataId: b.Id, Label: b.Id)).ToList();
        h.Add($"""{MapSvg.Render(shapes, "bursts-map", MapScope.World)}""");
        h.Add($"""<table id="bursts" data-sortable><thead><tr><th data-sort="text">burst</th><th data-sort="num">track</th><th data-sort="text">direction</th><th data-sort="text">swath</th><th data-sort="num">anx id</th><th data-sort="num">ESA id</th></tr></thead><tbody>""");
        foreach (var b in bursts)
            h.Add($"""<tr id="{RowId(b.Id)}"><td>{b.Id}</td><td class="num">{b.Track}</td><td>{b.OrbitDirection}</td><td>{b.Swath}</td><td class="num">{b.AnxId}</td><td class="num">{b.EsaBurstId?.ToString() ?? "-"}</td></tr>""");
        h.Add($"""</tbody></table>""");
        return h.ToHtml();
    }

    /// <summary>The table row's id, a fragment the burst's shape links to; burst ids are letters, digits and underscores.</summary>
    private static string RowId(string burstId) => "burst-" + Uri.EscapeDataString(burstId);
}
