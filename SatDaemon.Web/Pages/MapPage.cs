using SatDaemon.Web.Data;
using SatDaemon.Web.Html;
using SatDaemon.Web.Svg;

namespace SatDaemon.Web.Pages;

/// <summary>All frames on one map, filled by progress (red → green) and outlined red where failures are open.</summary>
internal static class MapPage
{
    public static SafeHtml Render(IReadOnlyList<FrameListRow> frames)
    {
        var shapes = frames.Where(f => f.Outline.Count > 0).Select(f => new MapShape(
            f.Outline,
            f.OpenFailures > 0 ? "frame failing" : "frame",
            $"{f.Id}: {Format.Percent(f.Rows.Progress)} complete, {f.OpenFailures} open failures",
            Format.FrameHref(f.Id),
            ProgressColour(f.Rows.Progress))).ToList();
        var h = new HtmlBuilder();
        h.Add($"""<h1>Map of frames</h1><p>fill: share of rows complete (red 0% → green 100%); red outline: failures not yet retried. {frames.Count - shapes.Count} frames without geometry are not drawn.</p>""");
        h.Add($"""{MapSvg.Render(shapes, "frames-map")}""");
        return h.ToHtml();
    }

    /// <summary>Hue from red (0) to green (120) by progress.</summary>
    internal static string ProgressColour(double progress) => $"hsl({Math.Round(Math.Clamp(progress, 0, 1) * 120)},65%,50%)";
}
