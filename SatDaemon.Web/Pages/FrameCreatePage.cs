using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>
/// A new frame from bursts: pick them on the map (a click toggles a burst, by the console's script), tick them in the
/// table, or type their ids; the same frame create, fill-files and update-procdates as the CLI then run.
/// </summary>
internal static class FrameCreatePage
{
    public static SafeHtml Render(IReadOnlyList<BurstView> bursts, int? track, string? swath, string token,
        string frameId, IReadOnlyCollection<string> picked, ControlMessage? message)
    {
        var h = new HtmlBuilder();
        h.Add($"""<h1>New frame</h1><form class="filter" method="get" action="/frames/new">track <input name="track" value="{track?.ToString() ?? ""}"> swath <input name="swath" value="{swath ?? ""}"> <button>show bursts</button></form>""");
        var shapes = bursts.Select(b => new MapShape(b.Outline, picked.Contains(b.Id) ? "burst picked" : "burst", $"{b.Id} · ESA {b.EsaBurstId?.ToString() ?? "-"}", null, null, b.Id, b.Id)).ToList();
        h.Add($"""<div data-pick="new-frame">{MapSvg.Render(shapes, "pick-map", MapScope.World)}</div>""");
        h.Add($"""<form method="post" action="/frames/new" id="new-frame" class="control">{FrameControls.Token(token)}""");
        h.Add($"""<p><label>frame id <input name="frame" value="{frameId}" placeholder="132A_NAME_TEXT" size="28"></label> <button>create frame</button> """);
        FrameControls.Message(h, "create", message);
        h.Add($"""</p><p><label>burst ids <input name="bursts" size="60" placeholder="132_8603_IW1,132_8612_IW2"></label> <span class="muted">comma- or space-separated, added to those ticked below</span></p>""");
        h.Add($"""<table id="pick-bursts" data-sortable><thead><tr><th></th><th data-sort="text">burst</th><th data-sort="num">track</th><th data-sort="text">direction</th><th data-sort="text">swath</th><th data-sort="num">anx id</th></tr></thead><tbody>""");
        foreach (var b in bursts)
            h.Add($"""<tr><td><input type="checkbox" name="burst" value="{b.Id}"{(picked.Contains(b.Id) ? new SafeHtml(" checked") : SafeHtml.Empty)}></td><td>{b.Id}</td><td class="num">{b.Track}</td><td>{b.OrbitDirection}</td><td>{b.Swath}</td><td class="num">{b.AnxId}</td></tr>""");
        h.Add($"""</tbody></table></form>""");
        return h.ToHtml();
    }
}
