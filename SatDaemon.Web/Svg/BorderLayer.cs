using System.Text;

namespace SatDaemon.Web.Svg;

/// <summary>Borders between countries (Natural Earth, see <see cref="NaturalEarth"/>) inside a box, as one SVG path.</summary>
internal static class BorderLayer
{
    public static string PathData(GeoBox box, MapProjection p, double tolerance)
    {
        var d = new StringBuilder();
        foreach (var line in NaturalEarth.Borders)
            foreach (var (lon, lat) in GeoClip.Line(line, box))
                p.AppendPath(d, lon, lat, tolerance, close: false);
        return d.ToString();
    }
}
