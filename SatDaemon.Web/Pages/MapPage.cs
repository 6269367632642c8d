using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>All frames on a world map, filled by progress (red → green), outlined where failures are open or rows held, each a link to its page.</summary>
internal static class MapPage
{
    public static SafeHtml Render(IReadOnlyList<FrameListRow> frames)
    {
        var shapes = frames.Where(f => f.Outline.Count > 0).Select(Shape).ToList();
        var h = new HtmlBuilder();
        h.Add($"""<h1>Map of frames</h1>""");
        Legend(h, frames.Count - shapes.Count);
        h.Add($"""{MapSvg.Render(shapes, "frames-map", MapScope.World)}""");
        return h.ToHtml();
    }

    /// <summary>A frame: its fill the share of rows complete, its outline red with open failures and dashed purple with held rows.</summary>
    internal static MapShape Shape(FrameListRow f) => new(
        f.Outline,
        "frame" + (f.OpenFailures > 0 ? " failing" : "") + (f.Rows.Held > 0 ? " held" : ""),
        $"{f.Id}: {Format.Percent(f.Rows.Progress)} complete, {f.OpenFailures} open failures, {f.Rows.Held} rows held",
        Format.FrameHref(f.Id),
        ProgressColour(f.Rows.Progress),
        Label: f.Id);

    /// <summary>What the colours and lines mean, drawn with the map's own styles.</summary>
    internal static void Legend(HtmlBuilder h, int withoutGeometry)
    {
        h.Add($"""<div class="map-legend" id="map-legend"><span>fill: rows complete <svg width="120" height="14" role="img"><defs><linearGradient id="legend-progress"><stop offset="0" stop-color="{ProgressColour(0)}"/><stop offset="0.5" stop-color="{ProgressColour(0.5)}"/><stop offset="1" stop-color="{ProgressColour(1)}"/></linearGradient></defs><rect width="120" height="14" fill="url(#legend-progress)" fill-opacity=".55"/></svg> 0 % → 100 %</span>""");
        h.Add($"""<span class="legend-failing"><svg width="28" height="14" role="img"><rect x="2" y="2" width="24" height="10" fill="{ProgressColour(0.2)}" fill-opacity=".55" stroke="#d00" stroke-width="2.5"/></svg> failures not yet retried</span>""");
        h.Add($"""<span class="legend-held"><svg width="28" height="14" role="img"><rect x="2" y="2" width="24" height="10" fill="{ProgressColour(0.6)}" fill-opacity=".55" stroke="#83b" stroke-width="2" stroke-dasharray="5 3"/></svg> rows held</span>""");
        h.Add($"""<span class="muted">smaller frames are drawn over larger ones; labels show when zoomed in; wheel or +/− to zoom, drag to pan, click a frame to open it{(withoutGeometry > 0 ? $"; {withoutGeometry} frames without geometry are not drawn" : "")}</span></div>""");
    }

    /// <summary>Hue from red (0) to green (120) by progress.</summary>
    internal static string ProgressColour(double progress) => $"hsl({Math.Round(Math.Clamp(progress, 0, 1) * 120)},65%,50%)";
}
