using System.Text;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Draws shapes (frames, bursts) on an equirectangular map (<see cref="MapProjection"/>) that opens fitted to them
/// and zooms and pans by its viewBox (the console's map script). Under them: Natural Earth land, country borders and
/// names, and a graticule every 1–30°, finely around the opening view and coarsely out to what the map spans when
/// zoomed all the way out (<see cref="MapScope"/>). Fills are half transparent and drawn largest first, so a small
/// frame is never hidden under a large one; every outline is drawn above every fill.
/// </summary>
internal static class MapSvg
{
    /// <summary>Latitudes a world map shows at least (Sentinel-1's land coverage, Antarctica's coast aside).</summary>
    private const double WorldSouth = -60, WorldNorth = 84;

    /// <summary>Fine layers reach this far (times the view's size) past each side of the opening view.</summary>
    private const double DetailMargin = 0.5;

    /// <summary>A local map zooms out to this many times its opening view (each side grows by 3.5 views).</summary>
    private const double LocalZoomOut = 3.5;

    /// <summary>
    /// The coarse layer keeps a point per this many pixels of the fully zoomed-out map: it is seen only on the way out
    /// (the detail script fills in a zoomed-in view), and at one pixel the world's coast alone would be 270 kB.
    /// </summary>
    private const double CoarsePixels = 3;

    /// <summary>A shape's label shows only when the shape is at least this many user units wide (the script re-checks on zoom).</summary>
    internal const double LabelMinWidth = 60;

    public static SafeHtml Render(IReadOnlyList<MapShape> shapes, string id, MapScope scope = MapScope.Local)
    {
        var rings = shapes.Select(s => s.Rings.Where(r => r.Count >= 3)
            .Select(r => GeoRing.Polygon(r.Select(pt => pt[0]).ToArray(), r.Select(pt => pt[1]).ToArray())).ToList()).ToList();
        var all = rings.SelectMany(r => r).ToList();
        if (all.Count == 0) scope = MapScope.World;

        GeoBox view, extent;
        List<List<(double[] Lon, double[] Lat)>> parts;
        if (scope == MapScope.World)
        {
            extent = new GeoBox(-180, Math.Max(-90, Math.Min(WorldSouth, all.Count == 0 ? 0 : all.Min(r => r.Y0))),
                180, Math.Min(90, Math.Max(WorldNorth, all.Count == 0 ? 0 : all.Max(r => r.Y1))));
            parts = rings.Select(rs => rs.SelectMany(r => GeoClip.Polygon(r, extent)).ToList()).ToList();
            var drawn = parts.SelectMany(p => p).ToList();
            view = drawn.Count == 0 ? extent : Pad(new GeoBox(drawn.Min(p => p.Lon.Min()), drawn.Min(p => p.Lat.Min()), drawn.Max(p => p.Lon.Max()), drawn.Max(p => p.Lat.Max()))).Grow(0, extent);
        }
        else
        {
            var (x0, x1) = CircularFit(all);
            view = Pad(new GeoBox(x0, all.Min(r => r.Y0), x1, all.Max(r => r.Y1)));
            var centre = view.CentreLon;
            parts = rings.Select(rs => rs.Select(r => Shifted(r, r.ShiftNear(centre))).ToList()).ToList();
            extent = view.Grow(LocalZoomOut, new GeoBox(centre - 180, -90, centre + 180, 90));
        }

        var p = new MapProjection(view);
        view = p.View;
        var detail = view.Grow(DetailMargin, extent);
        // Where the opening view is most of the world, one layer at a unit's precision is enough; otherwise a coarse
        // layer (a point per three pixels of the zoomed-out map) lies under the fine one, which shows the coast at
        // frame scale. Land has no outline, so the fine layer's cut edges leave no seam.
        var coarse = view.Width * view.Height < 0.3 * extent.Width * extent.Height;
        if (!coarse) detail = extent;

        var h = new HtmlBuilder();
        h.Add($"""<div class="map-box"><div class="map-tools"><button type="button" data-map-zoom="in" title="zoom in">+</button><button type="button" data-map-zoom="out" title="zoom out">−</button><button type="button" data-map-zoom="reset" title="back to the opening view">reset</button></div>""");
        var home = $"0 0 {MapProjection.R(MapProjection.Width)} {MapProjection.R(p.Height)}";
        h.Add($"""<svg class="map" id="{id}" viewBox="{home}" data-home="{home}" data-extent="{p.Rect(extent)}" data-geo="{p.Geo}" preserveAspectRatio="xMidYMid meet" role="img" data-shapes="{shapes.Count}">""");
        h.Add($"""{Background(p, extent, view, detail, coarse)}""");
        Shapes(h, p, shapes, parts);
        h.Add($"""</svg></div>""");
        return h.ToHtml();
    }

    /// <summary>Sea, land, borders, graticule and names: made from the shipped Natural Earth data and the view alone.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SafeHtml> Backgrounds = new(StringComparer.Ordinal);

    /// <summary>
    /// The map's background for one projection and view. It depends on nothing else, so it is made once per view and
    /// kept (a live map redrawn every few seconds over the same frames has the same view): clipping the world's coasts
    /// was most of a map page's time. At most a few dozen views are kept; past that the table starts afresh.
    /// </summary>
    private static SafeHtml Background(MapProjection p, GeoBox extent, GeoBox view, GeoBox detail, bool coarse)
    {
        var key = $"{p.Geo}|{p.Height}|{extent}|{view}|{detail}|{coarse}";
        if (Backgrounds.TryGetValue(key, out var known)) return known;
        var h = new HtmlBuilder();
        h.Add($"""<rect class="sea" x="{MapProjection.R(p.X(extent.X0))}" y="{MapProjection.R(p.Y(extent.Y1))}" width="{MapProjection.R(p.X(extent.X1) - p.X(extent.X0))}" height="{MapProjection.R(p.Y(extent.Y0) - p.Y(extent.Y1))}"/>""");
        if (coarse && LandLayer.PathData(extent, p, CoarsePixels * (p.X(extent.X1) - p.X(extent.X0)) / MapProjection.Width) is { Length: > 0 } world)
            h.Add($"""<path class="land-coarse" d="{world}"/>""");
        if (LandLayer.PathData(detail, p, coarse ? 0.5 : 1) is { Length: > 0 } land)
            h.Add($"""<path class="land" d="{land}"/>""");
        // Borders at world scale are a hint, and a point per two units halves them; zoomed in, the detail script redraws them.
        if (BorderLayer.PathData(detail, p, coarse ? 0.5 : 2) is { Length: > 0 } borders)
            h.Add($"""<path class="border" d="{borders}"/>""");
        Graticule(h, p, view, detail);
        PlaceLayer.Add(h, view, p, max: 6);
        var made = h.ToHtml();
        if (Backgrounds.Count >= 64) Backgrounds.Clear();
        Backgrounds[key] = made;
        return made;
    }

    /// <summary>Fills (largest first, linked), then every outline, then the labels, so none hides another's edge.</summary>
    private static void Shapes(HtmlBuilder h, MapProjection p, IReadOnlyList<MapShape> shapes, List<List<(double[] Lon, double[] Lat)>> parts)
    {
        var drawn = shapes.Select((s, i) =>
        {
            var d = new StringBuilder();
            foreach (var (lon, lat) in parts[i]) p.AppendPath(d, lon, lat, 0, close: true);
            var boxes = parts[i].Select(part => (X0: p.X(part.Lon.Min()), X1: p.X(part.Lon.Max()), Y0: p.Y(part.Lat.Max()), Y1: p.Y(part.Lat.Min()))).ToList();
            var area = boxes.Sum(b => (b.X1 - b.X0) * (b.Y1 - b.Y0));
            var largest = boxes.OrderByDescending(b => (b.X1 - b.X0) * (b.Y1 - b.Y0)).FirstOrDefault();
            return (Shape: s, D: d.ToString(), Area: area, Label: largest);
        }).Where(x => x.D.Length > 0).OrderByDescending(x => x.Area).ToList();

        h.Add($"""<g class="fills">""");
        foreach (var (s, d, _, _) in drawn)
        {
            if (s.Href is not null) h.Add($"""<a href="{s.Href}">""");
            h.Add($"""<path class="{s.CssClass}" d="{d}"{(s.Fill is null ? SafeHtml.Empty : new SafeHtml($" style=\"fill:{s.Fill}\""))}""");
            if (s.DataId is not null) h.Add($" data-id=\"{s.DataId}\"");
            h.Add($"""><title>{s.Title}</title></path>""");
            if (s.Href is not null) h.Add($"""</a>""");
        }
        h.Add($"""</g><g class="edges">""");
        foreach (var (s, d, _, _) in drawn)
            h.Add($"""<path class="{EdgeClass(s.CssClass)}" d="{d}"/>""");
        h.Add($"""</g><g class="labels">""");
        foreach (var (s, _, _, b) in drawn.Where(x => x.Shape.Label is not null))
        {
            var w = b.X1 - b.X0;
            h.Add($"""<text class="shape-label{(w < LabelMinWidth ? " small" : "")}" x="{MapProjection.R((b.X0 + b.X1) / 2)}" y="{MapProjection.R((b.Y0 + b.Y1) / 2)}" data-w="{MapProjection.R(w)}">{s.Label}</text>""");
        }
        h.Add($"""</g>""");
    }

    /// <summary>"frame failing" → "edge edge-frame edge-failing": the outline's own classes, so a fill selector never matches it.</summary>
    private static string EdgeClass(string css) =>
        "edge" + string.Concat(css.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => " edge-" + c));

    private static void Graticule(HtmlBuilder h, MapProjection p, GeoBox view, GeoBox detail)
    {
        var step = Step(Math.Max(view.Width, view.Height));
        var (top, bottom, left, right) = (MapProjection.R(p.Y(detail.Y1)), MapProjection.R(p.Y(detail.Y0)), MapProjection.R(p.X(detail.X0)), MapProjection.R(p.X(detail.X1)));
        h.Add($"""<g class="graticule">""");
        for (var lon = Math.Ceiling(detail.X0 / step) * step; lon <= detail.X1; lon += step)
        {
            var x = MapProjection.R(p.X(lon));
            h.Add($"""<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/><text class="grid-label" x="{x}" y="{MapProjection.R(p.Height - 3)}">{MapProjection.R(Wrap(lon))}°</text>""");
        }
        for (var lat = Math.Ceiling(detail.Y0 / step) * step; lat <= detail.Y1; lat += step)
        {
            var y = MapProjection.R(p.Y(lat));
            h.Add($"""<line class="grid" x1="{left}" y1="{y}" x2="{right}" y2="{y}"/><text class="grid-label" x="2" y="{y}">{MapProjection.R(lat)}°</text>""");
        }
        h.Add($"""</g>""");
    }

    /// <summary>
    /// The narrowest run of longitudes holding every ring, on the circle: frames at 179.5° and −179.5° are 1° apart,
    /// not 359°. Beyond half the world the plain −180…180 is as good and reads better.
    /// </summary>
    private static (double X0, double X1) CircularFit(IReadOnlyList<GeoRing> rings)
    {
        var spans = rings.Select(r => { var turn = r.ShiftNear(0); return (X0: r.X0 + turn, X1: r.X1 + turn); }).ToList();
        var best = (X0: spans.Min(s => s.X0), X1: spans.Max(s => s.X1));
        foreach (var start in spans.Select(s => s.X0).Distinct())
        {
            var end = spans.Max(s => s.X0 < start ? s.X1 + 360 : s.X1);
            if (end - start < best.X1 - best.X0) best = (start, end);
        }
        return best.X1 - best.X0 > 180 ? (-180, 180) : best;
    }

    private static (double[] Lon, double[] Lat) Shifted(GeoRing r, double turn) => (r.Lon.Select(x => x + turn).ToArray(), r.Lat);

    private static GeoBox Pad(GeoBox b)
    {
        var pad = Math.Max(Math.Max(b.Width, b.Height) * 0.08, 0.2);
        return new GeoBox(b.X0 - pad, Math.Max(-90, b.Y0 - pad), b.X1 + pad, Math.Min(90, b.Y1 + pad));
    }

    private static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;

    private static double Step(double span) => span switch { > 120 => 30, > 40 => 10, > 12 => 5, > 4 => 2, > 1 => 1, _ => 0.5 };
}
