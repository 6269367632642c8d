using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>All frames on a world map, filled by progress (red → green), outlined where failures are open or rows held, each a link to its page.</summary>
internal static class MapPage
{
    /// <summary>A frame's tip lists at most this many running jobs and as many failures; the jobs page has the rest.</summary>
    internal const int TipJobs = 6;

    /// <param name="jobs">Running jobs and open failures: a frame with any gets a tip, shown on hover, linking each to its page.</param>
    public static SafeHtml Render(IReadOnlyList<FrameListRow> frames, IReadOnlyList<MapJob>? jobs = null)
    {
        var shapes = frames.Where(f => f.Outline.Count > 0).Select(Shape).ToList();
        var h = new HtmlBuilder();
        h.Add($"""<h1>Map of frames</h1>""");
        Legend(h, frames.Count - shapes.Count);
        h.Add($"""{MapSvg.Render(shapes, "frames-map", MapScope.World)}""");
        Tips(h, frames.Where(f => f.Outline.Count > 0).ToList(), jobs ?? []);
        return h.ToHtml();
    }

    /// <summary>
    /// One hidden card per drawn frame with running jobs or open failures, which the map script shows beside the pointer
    /// over the frame (an SVG &lt;title&gt; cannot hold links); the pointer can move onto it and follow a link.
    /// </summary>
    private static void Tips(HtmlBuilder h, IReadOnlyList<FrameListRow> drawn, IReadOnlyList<MapJob> jobs)
    {
        var byFrame = jobs.GroupBy(j => j.FrameId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        h.Add($"""<div class="map-tips" id="frames-map-tips">""");
        foreach (var f in drawn)
        {
            if (!byFrame.TryGetValue(f.Id, out var mine)) continue;
            h.Add($"""<div class="map-tip" data-frame="{f.Id}" hidden><b><a href="{Format.FrameHref(f.Id)}">{f.Id}</a></b> {Format.Percent(f.Rows.Progress)} complete""");
            TipList(h, "running", mine.Where(j => !j.Failed).ToList(), f.Id);
            TipList(h, "failed", mine.Where(j => j.Failed).ToList(), f.Id);
            h.Add($"""</div>""");
        }
        h.Add($"""</div>""");
    }

    private static void TipList(HtmlBuilder h, string what, IReadOnlyList<MapJob> jobs, string frameId)
    {
        if (jobs.Count == 0) return;
        h.Add($"""<div class="tip-{what}">{what}:""");
        foreach (var j in jobs.Take(TipJobs))
            h.Add($""" <a class="job-link" href="{JobLinks.JobHref(j.JobId)}">{JobLinks.JobLabel(j.JobId)}</a> {j.JobType} {Format.Dates(j.Date, j.Date2)};""");
        if (jobs.Count > TipJobs) h.Add($""" <a href="/jobs?frame={Uri.EscapeDataString(frameId)}">{jobs.Count - TipJobs} more</a>""");
        h.Add($"""</div>""");
    }

    /// <summary>A frame: its fill the share of rows complete, its outline red with open failures and dashed purple with held rows.</summary>
    internal static MapShape Shape(FrameListRow f) => new(
        f.Outline,
        "frame" + (f.OpenFailures > 0 ? " failing" : "") + (f.Rows.Held > 0 ? " held" : ""),
        $"{f.Id}: {Format.Percent(f.Rows.Progress)} complete, {f.OpenFailures} open failures, {f.Rows.Held} rows held",
        Format.FrameHref(f.Id),
        ProgressColour(f.Rows.Progress),
        DataId: f.Id,
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
