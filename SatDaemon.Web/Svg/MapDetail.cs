using System.Globalization;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Svg;

/// <summary>
/// The land, borders and country names of a zoomed-in part of a map, drawn at the precision of the zoom: a world
/// map carries its coast at world scale, and the map script asks for this (GET /map/detail) once a person has zoomed
/// in three times or more. Drawn in the map's own units (its projection comes with the request), so the script
/// inserts it as it is.
/// </summary>
internal static class MapDetail
{
    /// <summary>Wider than this (degrees) the map's own layers are as fine as the eye needs: no detail is drawn.</summary>
    private const double MaxSpan = 90;

    /// <summary>The fragment, or the one sentence saying what is wrong with the request.</summary>
    /// <param name="geo">The map's data-geo: "lon at x=0, lat at y=0, kx, units per degree of latitude".</param>
    /// <param name="box">The current viewBox: "x y w h" in the map's units.</param>
    /// <param name="unitsPerPixel">Map units per screen pixel at the current zoom.</param>
    public static (SafeHtml Fragment, string? Error) Render(string? geo, string? box, string? unitsPerPixel)
    {
        if (Numbers(geo, 4) is not { } g || g[2] is <= 0 or > 1 || g[3] <= 0)
            return (default, "geo must be four numbers: lon, lat, kx (0…1], scale > 0");
        if (Numbers(box, 4) is not { } b || b[2] <= 0 || b[3] <= 0)
            return (default, "box must be four numbers: x, y, width > 0, height > 0");
        if (Numbers(unitsPerPixel, 1) is not { } u || u[0] <= 0)
            return (default, "u must be a number > 0");
        var p = new MapProjection(g[0], g[1], g[2], g[3]);
        var (lon0, lon1) = (p.Lon(b[0]), p.Lon(b[0] + b[2]));
        var (lat1, lat0) = (p.Lat(b[1]), p.Lat(b[1] + b[3]));
        if (lon1 - lon0 > MaxSpan || lat1 - lat0 > MaxSpan)
            return (default, $"the box spans more than {MaxSpan}°: the map's own layers are fine enough there");
        // A quarter of the view around it, so that a short pan shows no seam before the next request.
        var view = new GeoBox(lon0, Math.Max(-90, lat0), lon1, Math.Min(90, lat1));
        var drawn = view.Grow(0.25, new GeoBox(lon0 - 360, -90, lon1 + 360, 90));
        var tolerance = 0.5 * u[0];
        var h = new HtmlBuilder();
        h.Add($"""<g class="detail">""");
        if (LandLayer.PathData(drawn, p, tolerance) is { Length: > 0 } land) h.Add($"""<path class="land" d="{land}"/>""");
        if (BorderLayer.PathData(drawn, p, tolerance) is { Length: > 0 } borders) h.Add($"""<path class="border" d="{borders}"/>""");
        PlaceLayer.Add(h, view, p, max: 6);
        h.Add($"""</g>""");
        return (h.ToHtml(), null);
    }

    private static double[]? Numbers(string? s, int count)
    {
        var words = (s ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != count) return null;
        var result = new double[count];
        for (var i = 0; i < count; i++)
            if (!double.TryParse(words[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i])) return null;
        return result;
    }
}
