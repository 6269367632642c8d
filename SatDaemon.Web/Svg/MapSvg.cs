using System.Globalization;
using System.Text;
using SatDaemon.Web.Html;

namespace SatDaemon.Web.Svg;

/// <summary>
/// Draws shapes on an equirectangular map fitted to them, x stretched by cos(mean latitude) so that mid-latitude
/// frames keep their shape. Natural Earth's land (<see cref="LandLayer"/>) and a graticule every 1–30° give a sense of place.
/// </summary>
internal static class MapSvg
{
    private const double Width = 900;

    public static SafeHtml Render(IReadOnlyList<MapShape> shapes, string id)
    {
        var points = shapes.SelectMany(s => s.Rings).SelectMany(r => r).ToList();
        var (x0, y0, x1, y1) = points.Count == 0
            ? (-180.0, -60.0, 180.0, 75.0)
            : (points.Min(p => p[0]), points.Min(p => p[1]), points.Max(p => p[0]), points.Max(p => p[1]));
        var pad = Math.Max(Math.Max(x1 - x0, y1 - y0) * 0.08, 0.2);
        (x0, y0, x1, y1) = (x0 - pad, y0 - pad, x1 + pad, y1 + pad);
        var kx = Math.Cos((y0 + y1) / 2 * Math.PI / 180);
        var scale = Width / ((x1 - x0) * kx);
        var height = Math.Max(120, (y1 - y0) * scale);
        double Px(double lon) => (lon - x0) * kx * scale;
        double Py(double lat) => (y1 - lat) * scale;
        string X(double lon) => R(Px(lon));
        string Y(double lat) => R(Py(lat));

        var h = new HtmlBuilder();
        h.Add($"""<svg class="map" id="{id}" viewBox="0 0 {R(Width)} {R(height)}" preserveAspectRatio="xMidYMid meet" role="img" data-shapes="{shapes.Count}">""");
        h.Add($"""<rect class="sea" x="0" y="0" width="{R(Width)}" height="{R(height)}"/>""");
        if (LandLayer.PathData(x0, y0, x1, y1, Px, Py) is { Length: > 0 } land)
            h.Add($"""<path class="land" d="{land}"/>""");
        var step = Graticule(Math.Max(x1 - x0, y1 - y0));
        for (var lon = Math.Ceiling(x0 / step) * step; lon <= x1; lon += step)
            h.Add($"""<line class="grid" x1="{X(lon)}" y1="0" x2="{X(lon)}" y2="{R(height)}"/><text class="grid-label" x="{X(lon)}" y="{R(height - 3)}">{R(lon)}°</text>""");
        for (var lat = Math.Ceiling(y0 / step) * step; lat <= y1; lat += step)
            h.Add($"""<line class="grid" x1="0" y1="{Y(lat)}" x2="{R(Width)}" y2="{Y(lat)}"/><text class="grid-label" x="2" y="{Y(lat)}">{R(lat)}°</text>""");
        foreach (var s in shapes)
        {
            var d = new StringBuilder();
            foreach (var ring in s.Rings)
            {
                for (var i = 0; i < ring.Count; i++) d.Append(i == 0 ? 'M' : 'L').Append(X(ring[i][0])).Append(',').Append(Y(ring[i][1]));
                d.Append('Z');
            }
            if (s.Href is not null) h.Add($"""<a href="{s.Href}">""");
            h.Add($"""<path class="{s.CssClass}" d="{d.ToString()}"{(s.Fill is null ? SafeHtml.Empty : new SafeHtml($" style=\"fill:{s.Fill}\""))}""");
            if (s.DataId is not null) h.Add($" data-id=\"{s.DataId}\"");
            h.Add($"""><title>{s.Title}</title></path>""");
            if (s.Href is not null) h.Add($"""</a>""");
        }
        h.Add($"""</svg>""");
        return h.ToHtml();
    }

    private static double Graticule(double span) => span switch { > 120 => 30, > 40 => 10, > 12 => 5, > 4 => 2, _ => 1 };

    private static string R(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
