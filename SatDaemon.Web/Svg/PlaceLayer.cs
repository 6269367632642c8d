using SatDaemon.Web.Html;

namespace SatDaemon.Web.Svg;

/// <summary>
/// The names of the few countries that fill most of a view (Natural Earth, see <see cref="NaturalEarth"/>), each at
/// the centre of its part in view: at frame scale "Switzerland" sits on the Swiss side of a border, not off screen.
/// At frame scale, towns in view are named too (a dot and the name; <see cref="NaturalEarth.Towns"/>), so a frame can
/// be placed at a glance ("north of Erfurt").
/// </summary>
internal static class PlaceLayer
{
    /// <summary>A country smaller than this share of the view is left unnamed, so names never crowd the frames.</summary>
    private const double MinShare = 0.02;

    /// <summary>Views wider than this (degrees of longitude) name countries only: towns would crowd a continent.</summary>
    private const double TownSpan = 16;

    /// <summary>At most this many towns in one view, the most important first.</summary>
    private const int MaxTowns = 12;

    public static void Add(HtmlBuilder h, GeoBox view, MapProjection p, int max)
    {
        Countries(h, view, p, max);
        if (view.Width <= TownSpan) Towns(h, view, p);
    }

    /// <summary>
    /// The towns inside the view, as a dot and a name beside it. The map may be unwrapped past ±180° (a frame on the
    /// antimeridian), so a town is also looked for one turn east and west.
    /// </summary>
    private static void Towns(HtmlBuilder h, GeoBox view, MapProjection p)
    {
        var shown = 0;
        foreach (var town in NaturalEarth.Towns)
        {
            if (town.Lat < view.Y0 || town.Lat > view.Y1) continue;
            double? lon = null;
            foreach (var turn in (ReadOnlySpan<double>)[0, 360, -360])
                if (town.Lon + turn >= view.X0 && town.Lon + turn <= view.X1) { lon = town.Lon + turn; break; }
            if (lon is not { } x) continue;
            var (cx, cy) = (MapProjection.R(p.X(x)), MapProjection.R(p.Y(town.Lat)));
            h.Add($"""<circle class="town" cx="{cx}" cy="{cy}" r="1"/><text class="place town" x="{cx}" y="{cy}" dx=".5em" dy=".35em">{town.Name}</text>""");
            if (++shown == MaxTowns) return;
        }
    }

    private static void Countries(HtmlBuilder h, GeoBox view, MapProjection p, int max)
    {
        var viewArea = view.Width * p.Kx * view.Height;
        var named = new List<(string Name, double Area, double Lon, double Lat)>();
        foreach (var country in NaturalEarth.Countries)
        {
            var best = (Area: 0.0, Lon: 0.0, Lat: 0.0);
            foreach (var ring in country.Rings)
                foreach (var (lon, lat) in GeoClip.Polygon(ring, view))
                    if (Centroid(lon, lat, p.Kx) is { } c && c.Area > best.Area) best = c;
            if (best.Area >= MinShare * viewArea) named.Add((country.Name, best.Area, best.Lon, best.Lat));
        }
        foreach (var n in named.OrderByDescending(n => n.Area).Take(max))
            h.Add($"""<text class="place" x="{MapProjection.R(p.X(n.Lon))}" y="{MapProjection.R(p.Y(n.Lat))}">{n.Name}</text>""");
    }

    /// <summary>Area (degrees², longitude shrunk by kx) and area centroid of a ring; null for a degenerate one.</summary>
    private static (double Area, double Lon, double Lat)? Centroid(double[] lon, double[] lat, double kx)
    {
        double a = 0, cx = 0, cy = 0;
        for (int i = 0, j = lon.Length - 1; i < lon.Length; j = i++)
        {
            var cross = lon[j] * lat[i] - lon[i] * lat[j];
            a += cross;
            cx += (lon[j] + lon[i]) * cross;
            cy += (lat[j] + lat[i]) * cross;
        }
        if (Math.Abs(a) < 1e-12) return null;
        return (Math.Abs(a) / 2 * kx, cx / (3 * a), cy / (3 * a));
    }
}
